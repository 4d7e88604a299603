package io.logpro.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaxiGeneratorDeterminismTest {

  private static byte[] ndjson(long seed, long from, long rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TaxiGenerator(seed).writeNdjson(out, from, rows);
    return out.toByteArray();
  }

  private static byte[] csv(long seed, long from, long rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TaxiGenerator(seed).writeCsv(out, from, rows, false);
    return out.toByteArray();
  }

  private static List<String> lines(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII).lines().toList();
  }

  @Test
  void sameSeedGivesIdenticalBytes() throws IOException {
    assertThat(ndjson(42, 0, 20_000)).isEqualTo(ndjson(42, 0, 20_000));
    assertThat(csv(42, 0, 20_000)).isEqualTo(csv(42, 0, 20_000));
  }

  @Test
  void differentSeedsGiveDifferentRows() throws IOException {
    List<String> a = lines(ndjson(1, 0, 1000));
    List<String> b = lines(ndjson(2, 0, 1000));
    long same = 0;
    for (int i = 0; i < a.size(); i++) if (a.get(i).equals(b.get(i))) same++;
    assertThat(same).isZero();
  }

  @Test
  void rangeEqualsTheSameSliceOfALongerRun() throws IOException {
    List<String> all = lines(ndjson(42, 0, 5000));
    List<String> middle = lines(ndjson(42, 3217, 1000));
    assertThat(middle).isEqualTo(all.subList(3217, 4217));
    List<String> allCsv = lines(csv(42, 0, 5000));
    assertThat(lines(csv(42, 4999, 1))).containsExactly(allCsv.get(4999));
  }

  @Test
  void randomAccessRowEqualsSequentialRow() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    List<String> sequential = lines(ndjson(42, 0, 3000));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 3000; i++) order.add(i);
    Collections.shuffle(order, new Random(5));
    ByteSink sink = new ByteSink();
    for (int i : order) {
      sink.reset();
      generator.encodeNdjson(i, sink);
      assertThat(new String(sink.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(sequential.get(i));
    }
  }

  @Test
  void parallelWritersGiveTheSameBytesAsOneThread() throws IOException {
    TaxiGenerator generator = new TaxiGenerator(42);
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    ByteArrayOutputStream three = new ByteArrayOutputStream();
    generator.writeNdjson(one, 11, 100_003, 1);
    generator.writeNdjson(three, 11, 100_003, 3);
    assertThat(three.toByteArray()).isEqualTo(one.toByteArray());
    one.reset();
    three.reset();
    generator.writeCsv(one, 0, 70_000, true, 1);
    generator.writeCsv(three, 0, 70_000, true, 3);
    assertThat(three.toByteArray()).isEqualTo(one.toByteArray());
  }

  @Test
  void tripTruthIsReproducible() {
    TaxiGenerator a = new TaxiGenerator(9);
    TaxiGenerator b = new TaxiGenerator(9);
    for (long row = 0; row < 2000; row++) assertThat(a.trip(row)).isEqualTo(b.trip(row));
  }

  @Test
  void farRowsNeedNoEarlierRows() {
    TaxiTrip far = new TaxiGenerator(42).trip(9_000_000_000_000L);
    assertThat(far.row()).isEqualTo(9_000_000_000_000L);
    assertThat(far).isEqualTo(new TaxiGenerator(42).trip(9_000_000_000_000L));
  }
}
