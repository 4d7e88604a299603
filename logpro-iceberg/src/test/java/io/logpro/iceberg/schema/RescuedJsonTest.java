package io.logpro.iceberg.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class RescuedJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static Field f(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), List.of(children));
  }

  private static final Schema SCHEMA = new Schema(List.of(
      f("i", new ArrowType.Int(64, true)),
      f("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      f("s", ArrowType.Utf8.INSTANCE),
      f("b", ArrowType.Bool.INSTANCE),
      f("dec", new ArrowType.Decimal(10, 2, 128)),
      f("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
      f("day", new ArrowType.Date(DateUnit.DAY)),
      f("list", ArrowType.List.INSTANCE, f("element", new ArrowType.Int(32, true))),
      f("obj", ArrowType.Struct.INSTANCE, f("name", ArrowType.Utf8.INSTANCE))));

  /** Random text with the characters JSON must escape, non-ASCII and surrogate pairs. */
  private static String text(Random rnd) {
    String alphabet = "ab\"\\/\n\t\u0001 éü€中";
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(10) == 0) sb.append("\uD83D\uDE00"); // 😀
      else sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void everyRowEncodesItsNonNullValuesAsJsonThatParsesBackToThem() throws Exception {
    Random rnd = new Random(42);
    int rows = 500;
    try (var alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, alloc)) {
      root.allocateNew();
      ObjectNode[] expected = new ObjectNode[rows];
      var list = (ListVector) root.getVector("list");
      var listWriter = list.getWriter();
      var obj = (StructVector) root.getVector("obj");
      for (int r = 0; r < rows; r++) {
        ObjectNode e = NODES.objectNode();
        if (rnd.nextInt(4) > 0) {
          long v = rnd.nextLong();
          ((BigIntVector) root.getVector("i")).setSafe(r, v);
          e.put("i", v);
        }
        if (rnd.nextInt(4) > 0) {
          double v = rnd.nextInt(20) == 0 ? Double.NaN : rnd.nextGaussian() * 1e6;
          ((Float8Vector) root.getVector("d")).setSafe(r, v);
          if (Double.isNaN(v)) e.put("d", "NaN");
          else e.put("d", v);
        }
        if (rnd.nextInt(4) > 0) {
          String v = text(rnd);
          ((VarCharVector) root.getVector("s")).setSafe(r, v.getBytes(StandardCharsets.UTF_8));
          e.put("s", v);
        }
        if (rnd.nextInt(4) > 0) {
          boolean v = rnd.nextBoolean();
          ((BitVector) root.getVector("b")).setSafe(r, v ? 1 : 0);
          e.put("b", v);
        }
        if (rnd.nextInt(4) > 0) {
          BigDecimal v = BigDecimal.valueOf(rnd.nextLong() % 10_000_000_000L, 2);
          ((DecimalVector) root.getVector("dec")).setSafe(r, v);
          e.put("dec", v);
        }
        if (rnd.nextInt(4) > 0) {
          long micros = rnd.nextLong() % 4_000_000_000_000_000L;
          ((TimeStampMicroTZVector) root.getVector("ts")).setSafe(r, micros);
          e.put("ts", Instant.EPOCH.plusNanos(micros * 1000).toString());
        }
        if (rnd.nextInt(4) > 0) {
          int days = rnd.nextInt(100_000) - 50_000;
          ((DateDayVector) root.getVector("day")).setSafe(r, days);
          e.put("day", LocalDate.ofEpochDay(days).toString());
        }
        listWriter.setPosition(r);
        if (rnd.nextInt(4) > 0) {
          ArrayNode a = e.putArray("list");
          listWriter.startList();
          int n = rnd.nextInt(4);
          for (int k = 0; k < n; k++) {
            int v = rnd.nextInt();
            listWriter.integer().writeInt(v);
            a.add(v);
          }
          listWriter.endList();
        }
        if (rnd.nextInt(4) > 0) {
          obj.setIndexDefined(r);
          ObjectNode o = e.putObject("obj");
          if (rnd.nextBoolean()) {
            String v = text(rnd);
            ((VarCharVector) obj.getChild("name")).setSafe(r, v.getBytes(StandardCharsets.UTF_8));
            o.put("name", v);
          } else {
            ((VarCharVector) obj.getChild("name")).setNull(r);
            o.putNull("name");
          }
        }
        expected[r] = e;
      }
      root.setRowCount(rows);
      List<FieldVector> vectors = root.getFieldVectors();
      try (VarCharVector out = RescuedJson.column("_rescued_data", vectors, rows, alloc)) {
        for (int r = 0; r < rows; r++) {
          if (expected[r].isEmpty()) {
            assertThat(out.isNull(r)).as("row %d", r).isTrue();
            continue;
          }
          JsonNode actual = JSON.readTree(new String(out.get(r), StandardCharsets.UTF_8));
          assertThat(actual.equals(RescuedJsonTest::compare, expected[r])).as("row %d: %s, expected %s", r, actual, expected[r]).isTrue();
        }
      }
    }
  }

  /** Numbers by value (the parser reads small longs as ints), everything else by equality. */
  private static int compare(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
    return a.equals(b) ? 0 : 1;
  }
}
