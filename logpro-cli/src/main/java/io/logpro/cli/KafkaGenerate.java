package io.logpro.cli;

import io.logpro.generate.ByteSink;
import io.logpro.generate.TaxiGenerator;
import io.logpro.kafka.KafkaTopics;
import io.logpro.kafka.KafkaWriter;
import java.util.Arrays;

/** {@code logpro generate taxi --to kafka}: one record per trip, NDJSON (or CSV without header) values. */
final class KafkaGenerate {
  private KafkaGenerate() {}

  static long send(TaxiGenerator gen, String brokers, String topic, int partitions, long start, long rows, double rate, boolean csv)
      throws Exception {
    KafkaTopics.createIfAbsent(brokers, topic, partitions);
    ByteSink buf = new ByteSink(1024);
    try (KafkaWriter writer = new KafkaWriter(brokers, topic)) {
      return writer.write(i -> {
        buf.reset();
        if (csv) gen.encodeCsv(start + i, buf);
        else gen.encodeNdjson(start + i, buf);
        int len = buf.size();
        byte[] bytes = buf.array();
        // the encoders end a record with a newline; a message is the record alone
        return Arrays.copyOf(bytes, len > 0 && bytes[len - 1] == '\n' ? len - 1 : len);
      }, rows, rate).records();
    }
  }
}
