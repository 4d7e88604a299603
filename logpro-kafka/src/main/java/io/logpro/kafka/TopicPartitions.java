package io.logpro.kafka;

import org.apache.kafka.common.TopicPartition;

/** The partition names of logpro positions: {@code "<topic>-<partition>"}, as Kafka prints them. */
final class TopicPartitions {
  private TopicPartitions() {}

  static String name(TopicPartition tp) {
    return tp.topic() + "-" + tp.partition();
  }

  static String name(String topic, int partition) {
    return topic + "-" + partition;
  }

  /** The topic-partition a name stands for, or null when it is not one (topics may contain '-': the number follows the last). */
  static TopicPartition parse(String name) {
    int dash = name.lastIndexOf('-');
    if (dash <= 0 || dash == name.length() - 1) return null;
    for (int i = dash + 1; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) return null;
    }
    try {
      return new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
