package io.logpro.kafka.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The child JVM of {@link KafkaBroker}: formats a fresh KRaft log directory, starts a combined
 * broker+controller, prints {@link #READY} and runs until its standard input closes (the parent
 * closed it or died), then shuts down cleanly.
 */
public final class KafkaBrokerMain {
  static final String READY = "LOGPRO-KAFKA-BROKER-READY";

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      props.load(in);
    }
    String logDir = props.getProperty("log.dirs");
    // What `kafka-storage.sh format` does, through its Java API: meta.properties and the bootstrap checkpoint.
    new Formatter()
        .setPrintStream(System.err)
        .setNodeId(Integer.parseInt(props.getProperty("node.id")))
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir))
        .setMetadataLogDirectory(logDir)
        .setControllerListenerName(props.getProperty("controller.listener.names"))
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .run();
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    server.startup();
    System.out.println(READY);
    System.out.flush();
    while (System.in.read() != -1) {
      // the parent never writes; EOF means "stop"
    }
    server.shutdown();
    server.awaitShutdown();
    System.exit(0);
  }
}
