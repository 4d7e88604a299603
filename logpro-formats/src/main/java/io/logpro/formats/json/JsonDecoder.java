package io.logpro.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.logpro.api.RawMessage;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.Decoder;
import io.logpro.formats.SampleValues;
import io.logpro.formats.SchemaInference;
import io.logpro.formats.SchemaInference.Kind;
import io.logpro.formats.SchemaInference.Node;
import io.logpro.formats.TextParsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes JSON object records with Jackson's streaming parser straight into Arrow vectors.
 * Each record must be exactly one object; keys outside the schema are skipped. Invalid JSON, a
 * non-object record or a value that does not fit its column rejects the record with a reason.
 */
final class JsonDecoder implements Decoder {
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private final int inferRows;
  private final boolean fastPath;
  private final TextParsers parsers = new TextParsers();
  private Schema schema;

  JsonDecoder(Schema schema, int inferRows) {
    this(schema, inferRows, true);
  }

  /** @param fastPath whether flat records go through {@link FlatObjectDecoder} first (tests compare both paths) */
  JsonDecoder(Schema schema, int inferRows, boolean fastPath) {
    this.schema = schema;
    this.inferRows = inferRows;
    this.fastPath = fastPath;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /**
   * Flat JSON objects of the declared schema, one per message, keys in schema order (as most
   * producers write them); every 50th is cut short, so that the reject path is warmed too.
   */
  @Override
  public List<RawMessage> sample(int count) {
    if (schema == null) return List.of();
    SampleValues values = new SampleValues();
    List<RawMessage> out = new ArrayList<>(count);
    StringBuilder sb = new StringBuilder(512);
    for (int i = 0; i < count; i++) {
      sb.setLength(0);
      sb.append('{');
      for (Field f : schema.getFields()) {
        if (sb.length() > 1) sb.append(',');
        sb.append('"').append(f.getName().replace("\\", "\\\\").replace("\"", "\\\"")).append("\":");
        String v = values.text(f.getType());
        if (v == null) sb.append("null");
        else if (SampleValues.quotedInJson(f.getType())) sb.append('"').append(v).append('"');
        else sb.append(v);
      }
      sb.append('}');
      String line = i % 50 == 49 ? sb.substring(0, sb.length() / 2) : sb.toString();
      out.add(RawMessage.of(line.getBytes(StandardCharsets.UTF_8), null));
    }
    return out;
  }

  @Override
  public DecodeResult decode(List<RawMessage> messages, BufferAllocator allocator) {
    if (schema == null) {
      if (messages.isEmpty()) return new DecodeResult(VectorSchemaRoot.create(new Schema(List.of()), allocator), new int[0], List.of());
      schema = infer(messages);
    }
    int count = messages.size();
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      List<FieldVector> vectors = root.getFieldVectors();
      JsonColumn[] columns = new JsonColumn[vectors.size()];
      for (int c = 0; c < columns.length; c++) {
        FieldVector v = vectors.get(c);
        v.setInitialCapacity(Math.max(count, 1));
        v.allocateNew();
        columns[c] = JsonColumn.of(v, v.getName(), parsers, FACTORY);
      }
      boolean[] seen = new boolean[columns.length];
      JsonColumn.KeyIndex keys = new JsonColumn.KeyIndex(vectors.stream().map(FieldVector::getName).toList());
      int[] rowToMessage = new int[count];
      List<DecodeResult.Rejected> rejects = new ArrayList<>();
      FlatObjectDecoder flat = fastPath ? new FlatObjectDecoder(columns, parsers) : null;
      int row = 0;
      for (int m = 0; m < count; m++) {
        RawMessage msg = messages.get(m);
        if (flat != null && flat.decode(msg.buffer(), msg.offset(), msg.offset() + msg.length(), row)) {
          rowToMessage[row++] = m;
          continue;
        }
        // Jackson decodes what the fast path leaves, rewriting the row it may have half written.
        String err;
        try (JsonParser p = FACTORY.createParser(msg.buffer(), msg.offset(), msg.length())) {
          JsonToken t = p.nextToken();
          if (t != JsonToken.START_OBJECT) {
            err = t == null ? "empty record" : "expected a JSON object, found " + JsonColumn.describe(p, t);
          } else {
            err = JsonColumn.writeObject(p, row, columns, keys, seen);
            if (err == null && p.nextToken() != null) err = "unexpected content after the object";
          }
        } catch (JsonProcessingException e) {
          err = "invalid JSON: " + e.getOriginalMessage();
        } catch (IOException | RuntimeException e) {
          err = "invalid JSON: " + e;
        }
        if (err != null) {
          rejects.add(new DecodeResult.Rejected(m, err));
        } else {
          rowToMessage[row++] = m;
        }
      }
      root.setRowCount(row);
      return new DecodeResult(root, Arrays.copyOf(rowToMessage, row), rejects);
    } catch (RuntimeException ex) {
      root.close();
      throw ex;
    }
  }

  private Schema infer(List<RawMessage> messages) {
    SchemaInference.Struct top = SchemaInference.newStruct();
    int sampled = 0;
    for (RawMessage msg : messages) {
      if (sampled >= inferRows) break;
      try (JsonParser p = FACTORY.createParser(msg.buffer(), msg.offset(), msg.length())) {
        if (p.nextToken() != JsonToken.START_OBJECT) continue;
        Node n = infer(p, JsonToken.START_OBJECT);
        if (p.nextToken() != null) continue;
        SchemaInference.join(top, n);
        sampled++;
      } catch (IOException | RuntimeException e) {
        // an invalid record tells nothing about types; the decoder rejects it later
      }
    }
    List<Field> fields = new ArrayList<>();
    top.fields().forEach((k, v) -> fields.add(SchemaInference.toField(k, v)));
    return new Schema(fields);
  }

  private Node infer(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        SchemaInference.Struct s = SchemaInference.newStruct();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          Node child = infer(p, p.nextToken());
          s.fields().merge(name, child, SchemaInference::join);
        }
        return s;
      }
      case START_ARRAY: {
        Node element = SchemaInference.NULL;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          if (e == null) throw new IOException("unexpected end");
          element = SchemaInference.join(element, infer(p, e));
        }
        return new SchemaInference.ListOf(element);
      }
      case VALUE_NUMBER_INT:
        return new SchemaInference.Scalar(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Kind.FLOAT64 : Kind.INT64);
      case VALUE_NUMBER_FLOAT:
        return new SchemaInference.Scalar(Kind.FLOAT64);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new SchemaInference.Scalar(Kind.BOOL);
      case VALUE_NULL:
        return SchemaInference.NULL;
      case VALUE_STRING: {
        byte[] b = p.getText().getBytes(StandardCharsets.UTF_8);
        parsers.parseTimestamp(b, 0, b.length);
        if (parsers.ok) return new SchemaInference.Scalar(parsers.hadOffset ? Kind.TIMESTAMPTZ : Kind.TIMESTAMP);
        return SchemaInference.STRING;
      }
      default:
        throw new IOException("unexpected token " + t);
    }
  }
}
