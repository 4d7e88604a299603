package io.logpro.formats.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpro.api.Position;
import io.logpro.api.RawMessage;
import io.logpro.api.config.MapConfig;
import io.logpro.api.format.DecodeResult;
import io.logpro.api.format.EncodingFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

class RawFormatTest {
  private static RawMessage msg(byte[] b) {
    return RawMessage.of(b, Position.of("p", 1));
  }

  @Test
  void keepsEachMessagesBytesInTheValueColumn() {
    var format = new RawFormatFactory().create(MapConfig.of(RawFormatFactory.SPEC, Map.of()));
    try (var a = new RootAllocator(); var d = format.newDecoder()) {
      DecodeResult r = d.decode(List.of(msg(new byte[] {1, 2}), msg(new byte[] {(byte) 0xff})), a);
      try (var root = r.root()) {
        assertThat(root.getRowCount()).isEqualTo(2);
        assertThat(((VarBinaryVector) root.getVector("value")).get(1)).containsExactly((byte) 0xff);
        assertThat(r.rejects()).isEmpty();
      }
    }
  }

  @Test
  void asStringRejectsInvalidUtf8AndKeepsTheRest() {
    var format = new RawFormatFactory().create(MapConfig.of(RawFormatFactory.SPEC, Map.of("as", "string", "column", "line")));
    try (var a = new RootAllocator(); var d = format.newDecoder()) {
      DecodeResult r = d.decode(List.of(msg("héllo".getBytes()), msg(new byte[] {(byte) 0xc3}), msg("ok".getBytes())), a);
      try (var root = r.root()) {
        assertThat(((VarCharVector) root.getVector("line")).getObject(1).toString()).isEqualTo("ok");
        assertThat(r.rowToMessage()).containsExactly(0, 2);
        assertThat(r.rejects()).singleElement().satisfies(x -> assertThat(x.error()).isEqualTo("not valid UTF-8 text"));
      }
    }
  }

  @Test
  void writesTheColumnBackAsTheMessage() throws Exception {
    var format = (EncodingFormat) new RawFormatFactory().create(MapConfig.of(RawFormatFactory.SPEC, Map.of()));
    try (var a = new RootAllocator(); var d = ((io.logpro.api.format.Format) format).newDecoder()) {
      DecodeResult r = d.decode(List.of(msg("abc".getBytes())), a);
      try (var root = r.root()) {
        assertThat(format.newEncoder(root.getSchema()).encodeRow(root, 0)).containsExactly('a', 'b', 'c');
      }
    }
  }

  @Test
  void writingNeedsTheColumn() {
    var format = (EncodingFormat) new RawFormatFactory().create(MapConfig.of(RawFormatFactory.SPEC, Map.of("column", "payload")));
    assertThatThrownBy(() -> format.newEncoder(new org.apache.arrow.vector.types.pojo.Schema(List.of())))
        .hasMessageContaining("column 'payload'");
  }
}
