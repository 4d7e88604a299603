package io.logpro.kafka;

import io.logpro.api.Batch;
import io.logpro.api.Checkpoint;
import io.logpro.api.PipelineContext;
import io.logpro.api.format.Encoder;
import io.logpro.api.format.EncodingFormat;
import io.logpro.api.sink.Sink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes each row as one Kafka message (json by default), keyed by an optional column, through
 * an idempotent producer. {@link #commit} returns only once the broker confirmed every message
 * (acks=all), so positions advance only over delivered data. At least once: use
 * {@link TransactionalKafkaSink} for exactly once.
 *
 * <p>The SPI has no per-row reject for sinks: a row that cannot be encoded or delivered (too
 * large for the topic) fails the batch, with the row and the reason in the error.
 */
public sealed class KafkaSink implements Sink permits TransactionalKafkaSink {

  /**
   * @param properties      producer properties, with bootstrap.servers
   * @param topic           where messages go
   * @param keyColumn       the column whose value is the message key, or null
   * @param format          how a row becomes a value
   * @param stripNewline    whether to drop the newline a text format ends a record with
   * @param transactionalId for a transactional sink, or null for the "<pipeline>-<sink>" default
   * @param group           for a transactional sink: the consumer group of the pipeline's kafka source
   */
  public record Settings(Map<String, Object> properties, String topic, String keyColumn, EncodingFormat format,
                         boolean stripNewline, String transactionalId, String group) {
    public Settings {
      properties = Map.copyOf(properties);
    }
  }

  protected final Settings settings;
  protected KafkaProducer<byte[], byte[]> producer;
  protected String name = "kafka";
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong failed = new AtomicLong();
  private final Callback callback = (metadata, e) -> {
    if (e != null) {
      failed.incrementAndGet();
      failure.compareAndSet(null, e);
    }
  };
  private final Buffer buffer = new Buffer();
  private Encoder encoder;
  private Schema encoderSchema;

  public KafkaSink(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void open(PipelineContext context) throws Exception {
    name = context.componentName();
    producer = new KafkaProducer<>(producerProperties(context));
  }

  protected Map<String, Object> producerProperties(PipelineContext context) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, context.pipelineName() + "-" + context.componentName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putAll(settings.properties());
    // No duplicates from retries, and a send counts only when every in-sync replica has it.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /** Called before the first send of a batch (a transactional sink begins its transaction). */
  protected void beforeSend() {}

  @Override
  public void write(Batch batch) throws Exception {
    checkDelivered();
    VectorSchemaRoot root = batch.root();
    int rows = root.getRowCount();
    if (rows == 0) return;
    Schema schema = root.getSchema();
    if (encoder == null || !schema.equals(encoderSchema)) {
      encoder = settings.format().newEncoder(schema);
      encoderSchema = schema;
    }
    FieldVector keyVector = null;
    if (settings.keyColumn() != null) {
      keyVector = root.getVector(settings.keyColumn());
      if (keyVector == null) {
        throw new IllegalArgumentException("kafka sink " + name + ": key column '" + settings.keyColumn()
            + "' is not in the rows (columns: " + schema.getFields().stream().map(f -> f.getName()).toList() + ")");
      }
    }
    beforeSend();
    for (int row = 0; row < rows; row++) {
      byte[] value;
      try {
        buffer.reset();
        encoder.encode(root, row, row + 1, buffer);
        value = buffer.message(settings.stripNewline());
      } catch (IOException | RuntimeException e) {
        throw new IOException("kafka sink " + name + ": row " + row + " of the batch cannot be encoded: " + e.getMessage(), e);
      }
      producer.send(new ProducerRecord<>(settings.topic(), null, key(keyVector, row), value), callback);
    }
  }

  private static byte[] key(FieldVector v, int row) {
    if (v == null || v.isNull(row)) return null;
    if (v instanceof VarCharVector s) return s.get(row);
    if (v instanceof VarBinaryVector b) return b.get(row);
    return String.valueOf(v.getObject(row)).getBytes(StandardCharsets.UTF_8);
  }

  /** Waits until every message sent so far is acknowledged by the broker, or fails with the first error. */
  @Override
  public void commit(Checkpoint checkpoint) throws Exception {
    producer.flush();
    checkDelivered();
  }

  protected void checkDelivered() throws IOException {
    Exception e = failure.get();
    if (e == null) return;
    String hint = e instanceof RecordTooLargeException
        ? " (a message is larger than max.request.size or the topic's max.message.bytes)" : "";
    throw new IOException("kafka sink " + name + ": " + failed.get() + " message(s) to topic " + settings.topic()
        + " were not delivered: " + e.getMessage() + hint, e);
  }

  @Override
  public void close() throws Exception {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
  }

  /** A reusable encode buffer: one array per message, no intermediate copy beyond the final one. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(512);
    }

    byte[] message(boolean stripNewline) {
      int n = count;
      if (stripNewline && n > 0 && buf[n - 1] == '\n') n--;
      if (stripNewline && n > 0 && buf[n - 1] == '\r') n--;
      return Arrays.copyOf(buf, n);
    }
  }
}
