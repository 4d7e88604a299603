package io.logpro.api;

import java.time.Instant;

/**
 * A record that could not be decoded, validated, transformed or written. It carries enough to
 * understand and replay it: what went wrong, where, when, from which source and position, and
 * the original bytes.
 *
 * @param error    a human-readable reason ("fare_amount >= 0 failed: -12.5")
 * @param stage    the pipeline stage that rejected it ("decode", "processor:silver-rules", "sink:bronze")
 * @param time     when it was rejected
 * @param source   the source component name
 * @param position the record's position, or null when unknown
 * @param raw      the original bytes, or null for sources that deliver columns (then a JSON rendering)
 */
public record DeadLetter(String error, String stage, Instant time, String source, Position position, byte[] raw) {}
