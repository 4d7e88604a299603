package io.logpro.cli;

import io.logpro.generate.ByteSink;
import io.logpro.generate.TaxiGenerator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code logpro generate taxi --to kafka}: one record per trip, NDJSON (or CSV without header) values. */
final class KafkaGenerate {
  private KafkaGenerate() {}

  static long send(TaxiGenerator gen, String brokers, String topic, int partitions, long start, long rows, double rate, boolean csv)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
      }
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    AtomicReference<Exception> failed = new AtomicReference<>();
    long startNanos = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      ByteSink buf = new ByteSink(1024);
      for (long i = 0; i < rows; i++) {
        if (failed.get() != null) throw failed.get();
        buf.reset();
        if (csv) gen.encodeCsv(start + i, buf);
        else gen.encodeNdjson(start + i, buf);
        int len = buf.size();
        byte[] value = buf.toByteArray();
        // the encoders end a record with a newline; a message is the record alone
        if (len > 0 && value[len - 1] == '\n') value = java.util.Arrays.copyOf(value, len - 1);
        producer.send(new ProducerRecord<>(topic, value), (md, e) -> {
          if (e != null) failed.compareAndSet(null, e);
        });
        if (rate > 0) {
          long due = startNanos + (long) ((i + 1) * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 1_000_000) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      producer.flush();
    }
    if (failed.get() != null) throw failed.get();
    return rows;
  }
}
