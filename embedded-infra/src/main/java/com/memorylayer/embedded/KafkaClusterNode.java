package com.memorylayer.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One node of a multi-broker KRaft cluster (combined broker and controller), meant to be the only thing its JVM
 * runs: {@code ./memorylayer cluster up} starts three, each a process of its own, from the same {@code kafka_2.13}
 * server {@code kafka.Kafka} starts. Configured from the environment only:
 *
 * <ul>
 * <li>{@code MEMORYLAYER_KAFKA_NODE_ID}: this node's id, one of the voters'</li>
 * <li>{@code MEMORYLAYER_KAFKA_PORT}, {@code MEMORYLAYER_KAFKA_CONTROLLER_PORT}: its client and controller ports (loopback)</li>
 * <li>{@code MEMORYLAYER_KAFKA_VOTERS}: the controller quorum, {@code 1@localhost:p1,2@localhost:p2,3@localhost:p3}</li>
 * <li>{@code MEMORYLAYER_KAFKA_CLUSTER_ID}: the cluster id every node's log directory is formatted with</li>
 * <li>{@code MEMORYLAYER_KAFKA_LOG_DIR}: its log directory, formatted on first start and kept</li>
 * <li>{@code MEMORYLAYER_KAFKA_REPLICATION_FACTOR}, {@code MEMORYLAYER_KAFKA_MIN_INSYNC_REPLICAS}: of the brokers'
 *     own topics (consumer offsets, transaction state) and the default of any other</li>
 * </ul>
 */
public final class KafkaClusterNode {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaClusterNode() {
    }

    /** The node's settings; see the class comment for each. */
    public record NodeSettings(int nodeId, int port, int controllerPort, String voters, String clusterId, Path logDirectory,
            int replicationFactor, int minInsyncReplicas) {

        public static NodeSettings fromEnvironment() {
            return new NodeSettings(
                    Integer.parseInt(required("MEMORYLAYER_KAFKA_NODE_ID")),
                    Integer.parseInt(required("MEMORYLAYER_KAFKA_PORT")),
                    Integer.parseInt(required("MEMORYLAYER_KAFKA_CONTROLLER_PORT")),
                    required("MEMORYLAYER_KAFKA_VOTERS"),
                    required("MEMORYLAYER_KAFKA_CLUSTER_ID"),
                    Path.of(required("MEMORYLAYER_KAFKA_LOG_DIR")),
                    Integer.parseInt(required("MEMORYLAYER_KAFKA_REPLICATION_FACTOR")),
                    Integer.parseInt(required("MEMORYLAYER_KAFKA_MIN_INSYNC_REPLICAS")));
        }

        private static String required(String name) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must be set");
            }
            return value.strip();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(NodeSettings.fromEnvironment());
    }

    /** Formats the log directory if it is new, starts the node and blocks until the JVM is told to stop. */
    public static void run(NodeSettings settings) throws InterruptedException {
        KafkaConfig config = KafkaConfig.fromProps(properties(settings), false);
        format(settings);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "kafka-node-shutdown"));
        server.startup();
        System.err.println("MEMORYLAYER_KAFKA_NODE_STARTED node=" + settings.nodeId() + " port=" + settings.port());
        stopped.await();
    }

    /** The node's server properties: what a {@code server.properties} of {@code kafka.Kafka} would say. */
    public static Properties properties(NodeSettings settings) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(settings.nodeId()));
        props.put("controller.quorum.voters", settings.voters());
        props.put("listeners", "PLAINTEXT://localhost:" + settings.port() + "," + CONTROLLER_LISTENER + "://localhost:"
                + settings.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + settings.port());
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", settings.logDirectory().toAbsolutePath().toString());
        String replicas = String.valueOf(settings.replicationFactor());
        String minIsr = String.valueOf(settings.minInsyncReplicas());
        props.put("num.partitions", "3");
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // A replica that lost its leader never becomes leader unless it was in sync: acknowledged writes are kept.
        props.put("unclean.leader.election.enable", "false");
        // A killed node re-registers once its old session lapsed: 9 s by default, 3 s here, where the three nodes
        // share one machine and a missed heartbeat for 3 s means a stalled process.
        props.put("broker.heartbeat.interval.ms", "750");
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }

    private static void format(NodeSettings settings) {
        Path logDirectory = settings.logDirectory().toAbsolutePath();
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log directory " + logDirectory, e);
        }
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .setNodeId(settings.nodeId())
                    .setClusterId(settings.clusterId())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting the Kafka log directory failed: " + out.toString(StandardCharsets.UTF_8), e);
        }
    }
}
