package io.logpro.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token of a CDC position: Debezium's source partition and offset for the change, and the
 * change's order key, as compact JSON: {@code {"p":{...},"o":{...},"k":[...]}}. A checkpoint alone
 * is enough to resume: the offset goes back to Debezium, the key drops changes it delivers again.
 *
 * @param partition Debezium's source partition ({"server": "prefix"})
 * @param offset    Debezium's source offset; whole numbers are Longs, as Debezium reads them back
 * @param key       the change's order key, or null for snapshot rows
 */
record ResumeToken(Map<String, Object> partition, Map<String, Object> offset, long[] key) {
  private static final ObjectMapper JSON = new ObjectMapper();

  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.set("p", JSON.valueToTree(partition));
    root.set("o", JSON.valueToTree(offset));
    if (key != null) {
      ArrayNode k = root.putArray("k");
      for (long v : key) k.add(v);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Debezium offset as JSON: " + e.getMessage(), e);
    }
  }

  static ResumeToken parse(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject() || !root.path("p").isObject() || !root.path("o").isObject()) {
        throw new IllegalArgumentException("not a CDC position token: " + json);
      }
      long[] key = null;
      JsonNode k = root.get("k");
      if (k != null && k.isArray()) {
        key = new long[k.size()];
        for (int i = 0; i < key.length; i++) key[i] = k.get(i).asLong();
      }
      return new ResumeToken(map(root.get("p")), map(root.get("o")), key);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a CDC position token: " + e.getOriginalMessage(), e);
    }
  }

  /** Debezium's offset bytes as JSON (what Kafka's JsonConverter writes without schemas). */
  static byte[] offsetBytes(Map<String, Object> offset) {
    try {
      return JSON.writeValueAsBytes(offset);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Debezium offset as JSON: " + e.getMessage(), e);
    }
  }

  /** Parses an offset-store key, {@code ["engine name", {partition}]}; null when it is not one. */
  static Map<String, Object> partitionOfStoreKey(byte[] key) {
    try {
      JsonNode node = JSON.readTree(key);
      if (node != null && node.isArray() && node.size() == 2 && node.get(1).isObject()) return map(node.get(1));
      return null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static Map<String, Object> offsetOfStoreValue(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value);
      return node != null && node.isObject() ? map(node) : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static Map<String, Object> map(JsonNode object) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  private static Object value(JsonNode n) {
    if (n == null || n.isNull()) return null;
    if (n.isBoolean()) return n.booleanValue();
    if (n.isIntegralNumber()) return n.longValue();
    if (n.isNumber()) return n.doubleValue();
    if (n.isTextual()) return n.textValue();
    if (n.isObject()) return map(n);
    if (n.isArray()) {
      List<Object> list = new java.util.ArrayList<>(n.size());
      n.forEach(e -> list.add(value(e)));
      return list;
    }
    return n.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResumeToken t && t.partition.equals(partition) && t.offset.equals(offset)
        && java.util.Arrays.equals(t.key, key);
  }

  @Override
  public int hashCode() {
    return partition.hashCode() * 31 + offset.hashCode() * 17 + java.util.Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
