package io.logpro.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest position per source partition: what a sink has committed, or what a batch covers.
 * Immutable. Serialises to a compact JSON text so that sinks can store it next to their data
 * (Iceberg snapshot summaries, an offsets table, a sidecar file) without another dependency.
 */
public final class Checkpoint {
  private static final Checkpoint EMPTY = new Checkpoint(Map.of());
  private final Map<String, Position> byPartition;

  private Checkpoint(Map<String, Position> byPartition) {
    this.byPartition = byPartition;
  }

  public static Checkpoint empty() {
    return EMPTY;
  }

  public static Checkpoint of(Iterable<Position> positions) {
    Map<String, Position> map = new LinkedHashMap<>();
    for (Position p : positions) {
      map.merge(p.partition(), p, Checkpoint::later);
    }
    return map.isEmpty() ? EMPTY : new Checkpoint(Collections.unmodifiableMap(map));
  }

  public static Checkpoint of(Position... positions) {
    return of(List.of(positions));
  }

  private static Position later(Position a, Position b) {
    return b.sequence() >= a.sequence() ? b : a;
  }

  /** This checkpoint advanced by {@code other}: per partition, the later position wins. */
  public Checkpoint merge(Checkpoint other) {
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    Map<String, Position> map = new LinkedHashMap<>(byPartition);
    other.byPartition.values().forEach(p -> map.merge(p.partition(), p, Checkpoint::later));
    return new Checkpoint(Collections.unmodifiableMap(map));
  }

  public Map<String, Position> positions() {
    return byPartition;
  }

  public Position get(String partition) {
    return byPartition.get(partition);
  }

  public boolean isEmpty() {
    return byPartition.isEmpty();
  }

  /** True when {@code p} is at or before what this checkpoint holds for its partition. */
  public boolean covers(Position p) {
    Position mine = byPartition.get(p.partition());
    return mine != null && mine.sequence() >= p.sequence();
  }

  /** True when every position of {@code other} is covered by this checkpoint. */
  public boolean covers(Checkpoint other) {
    for (Position p : other.byPartition.values()) {
      if (!covers(p)) return false;
    }
    return true;
  }

  /** For each partition, the earlier of the two; partitions only one side knows are dropped. */
  public Checkpoint meet(Checkpoint other) {
    List<Position> out = new ArrayList<>();
    for (Position p : byPartition.values()) {
      Position q = other.byPartition.get(p.partition());
      if (q != null) out.add(q.sequence() < p.sequence() ? q : p);
    }
    return of(out);
  }

  /** {@code [{"p":"partition","s":123,"t":"token"},...]}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (Position p : byPartition.values()) {
      if (!first) sb.append(',');
      first = false;
      sb.append("{\"p\":");
      MiniJson.quote(p.partition(), sb);
      sb.append(",\"s\":").append(p.sequence());
      if (!p.token().isEmpty()) {
        sb.append(",\"t\":");
        MiniJson.quote(p.token(), sb);
      }
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  public static Checkpoint fromJson(String json) {
    if (json == null || json.isBlank()) return EMPTY;
    List<Position> out = new ArrayList<>();
    for (Map<String, Object> obj : MiniJson.parseArrayOfObjects(json)) {
      Object seq = obj.get("s");
      out.add(new Position((String) obj.get("p"), ((Number) seq).longValue(), (String) obj.get("t")));
    }
    return of(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && c.byPartition.equals(byPartition);
  }

  @Override
  public int hashCode() {
    return byPartition.hashCode();
  }

  @Override
  public String toString() {
    return "Checkpoint" + byPartition.values();
  }
}
