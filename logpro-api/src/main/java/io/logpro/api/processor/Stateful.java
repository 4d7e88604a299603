package io.logpro.api.processor;

/** A processor that keeps state (dedupe, windows); snapshotted with the checkpoint that commits positions. */
public interface Stateful {
  byte[] snapshot() throws Exception;

  void restore(byte[] state) throws Exception;
}
