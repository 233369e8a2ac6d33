package com.memorylayer.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.KafkaClusterNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} (on paper: no Docker here) and {@code ./memorylayer cluster up} ({@link ClusterPlan}) are
 * the same shape with the same settings: the same members, the same variables for each service, the same topic
 * replication, the same broker settings for the brokers' own topics, the same heaps, the same container ports.
 */
class ClusterComposeAgreementTest {

    /** What only a deployment behind a public host name sets: sign-in, host names, cookies. */
    private static final Set<String> PRODUCTION_ONLY = Set.of("MEMORYLAYER_ALLOWED_HOSTS", "MEMORYLAYER_GITHUB_CLIENT_ID",
            "MEMORYLAYER_GITHUB_CLIENT_SECRET", "MEMORYLAYER_SECURE_COOKIES");
    /** The broker properties that decide what survives a broker's loss; compose must say the same as each cluster node. */
    private static final List<String> REPLICATION_PROPERTIES = List.of("default.replication.factor", "min.insync.replicas",
            "offsets.topic.replication.factor", "offsets.topic.num.partitions", "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
            "share.coordinator.state.topic.min.isr", "unclean.leader.election.enable", "auto.create.topics.enable",
            "num.partitions", "process.roles", "broker.session.timeout.ms", "broker.heartbeat.interval.ms");

    private static Map<String, Map<String, Object>> services;
    private static ClusterPlan plan;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Path compose = Path.of("..", "docker-compose.yml");
        try (Reader in = Files.newBufferedReader(compose)) {
            Map<String, Object> document = new Yaml().load(in);
            services = (Map<String, Map<String, Object>>) document.get("services");
        }
        plan = new ClusterPlan(Path.of("/repo"), Path.of("/repo/.memorylayer-cluster"),
                new ClusterPlan.ClusterPorts(List.of(9101, 9102, 9103), List.of(9201, 9202, 9203), 5433, List.of(8180, 8182),
                        List.of(8181, 8183), List.of(9190, 9191, 9192, 9193, 9194, 9195, 9196)), "cluster-id", "db-password",
                "secret", true, Map.of());
    }

    @Test
    void composeRunsTheSameMembersAsClusterUp() {
        assertThat(new TreeSet<>(services.keySet())).isEqualTo(new TreeSet<>(ClusterPlan.memberNames()));
        assertThat(services.keySet().stream().filter(name -> name.startsWith("kafka-"))).hasSize(ClusterPlan.BROKERS);
    }

    @Test
    void eachServiceGetsTheSameVariablesAsInClusterUp() {
        for (int i = 0; i < ClusterPlan.GATEWAYS; i++) {
            assertSameNames(ClusterPlan.gatewayNames().get(i), plan.gatewayEnvironment(i));
        }
        for (int i = 0; i < ClusterPlan.QUERY_REPLICAS; i++) {
            assertSameNames(ClusterPlan.queryNames().get(i), plan.queryEnvironment(i));
        }
        for (int i = 0; i < ClusterPlan.INGEST_WORKERS; i++) {
            assertSameNames(ClusterPlan.ingestNames().get(i), plan.ingestEnvironment(i));
            // Each worker names its consumers after itself, as in cluster up, so the group's members can be told apart.
            assertThat(environment(ClusterPlan.ingestNames().get(i)).get("MEMORYLAYER_KAFKA_CLIENT_ID"))
                    .isEqualTo(plan.ingestEnvironment(i).get("MEMORYLAYER_KAFKA_CLIENT_ID"));
        }
        assertSameNames(ClusterPlan.AUDIT_SINK, plan.auditSinkEnvironment());
    }

    @Test
    void topicsAreReplicatedAlikeInBoth() {
        for (String service : List.of("gateway-1", "gateway-2", "query-1", "query-2", "ingest-1", "ingest-2", "audit-sink")) {
            Map<String, String> env = environment(service);
            assertThat(env.get("MEMORYLAYER_KAFKA_REPLICATION_FACTOR")).as(service).isEqualTo(Integer.toString(ClusterPlan.REPLICATION_FACTOR));
            assertThat(env.get("MEMORYLAYER_KAFKA_MIN_INSYNC_REPLICAS")).as(service).isEqualTo(Integer.toString(ClusterPlan.MIN_INSYNC_REPLICAS));
            assertThat(env.get("MEMORYLAYER_KAFKA_BOOTSTRAP").split(",")).as(service).hasSize(ClusterPlan.BROKERS);
        }
        assertThat(ClusterPlan.REPLICATION_FACTOR).isEqualTo(ClusterPlan.BROKERS);
        assertThat(ClusterPlan.MIN_INSYNC_REPLICAS).isLessThan(ClusterPlan.REPLICATION_FACTOR);
    }

    @Test
    void brokersAreConfiguredAsTheClusterNodes() {
        for (int node = 1; node <= ClusterPlan.BROKERS; node++) {
            Map<String, String> env = environment("kafka-" + node);
            Map<String, String> nodeEnv = plan.kafkaEnvironment(node);
            Properties expected = KafkaClusterNode.properties(new KafkaClusterNode.NodeSettings(node,
                    Integer.parseInt(nodeEnv.get("MEMORYLAYER_KAFKA_PORT")), Integer.parseInt(nodeEnv.get("MEMORYLAYER_KAFKA_CONTROLLER_PORT")),
                    nodeEnv.get("MEMORYLAYER_KAFKA_VOTERS"), "cluster-id", Path.of("/tmp/kafka"),
                    ClusterPlan.REPLICATION_FACTOR, ClusterPlan.MIN_INSYNC_REPLICAS));
            for (String property : REPLICATION_PROPERTIES) {
                String variable = "KAFKA_" + property.replace('.', '_').toUpperCase();
                assertThat(env.get(variable)).as("kafka-" + node + " " + variable).isEqualTo(expected.getProperty(property));
            }
            assertThat(env.get("KAFKA_NODE_ID")).isEqualTo(Integer.toString(node));
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(ClusterPlan.BROKERS);
            assertThat(env.get("KAFKA_HEAP_OPTS")).contains("-Xmx" + ClusterPlan.KAFKA_HEAP);
        }
    }

    @Test
    void heapsAreThePlannedOnes() {
        Map<String, String> heaps = Map.of("gateway-1", ClusterPlan.GATEWAY_HEAP, "gateway-2", ClusterPlan.GATEWAY_HEAP,
                "query-1", ClusterPlan.QUERY_HEAP, "query-2", ClusterPlan.QUERY_HEAP, "ingest-1", ClusterPlan.INGEST_HEAP,
                "ingest-2", ClusterPlan.INGEST_HEAP, "audit-sink", ClusterPlan.AUDIT_SINK_HEAP);
        List<MemberSpec> members = plan.members("java", List.of("-cp", "x", "Node"), Path.of("/pg/bin/postgres"));
        heaps.forEach((service, heap) -> {
            assertThat(environment(service).get("JAVA_TOOL_OPTIONS")).as(service).contains("-Xmx" + heap);
            MemberSpec member = members.stream().filter(m -> m.name().equals(service)).findFirst().orElseThrow();
            assertThat(member.command()).as(service).contains("-Xmx" + heap);
        });
    }

    @Test
    void containersListenOnTheServicesOwnPorts() {
        for (String gateway : ClusterPlan.gatewayNames()) {
            String port = environment(gateway).get("MEMORYLAYER_PORT");
            @SuppressWarnings("unchecked")
            List<String> published = (List<String>) services.get(gateway).get("ports");
            assertThat(published).as(gateway).singleElement().satisfies(mapping -> assertThat(mapping).endsWith(":" + port));
            // Every query replica is named to every gateway, at the port each replica listens on.
            Set<String> replicas = ClusterPlan.queryNames().stream()
                    .map(q -> "http://" + q + ":" + environment(q).get("MEMORYLAYER_QUERY_PORT")).collect(Collectors.toSet());
            assertThat(Set.of(environment(gateway).get("MEMORYLAYER_QUERY_URLS").split(","))).isEqualTo(replicas);
        }
        for (String query : ClusterPlan.queryNames()) {
            @SuppressWarnings("unchecked")
            List<Object> exposed = (List<Object>) services.get(query).get("expose");
            assertThat(exposed).as(query).map(String::valueOf).containsExactly(environment(query).get("MEMORYLAYER_QUERY_PORT"));
        }
    }

    private static void assertSameNames(String service, Map<String, String> planned) {
        Set<String> composed = new TreeSet<>(environment(service).keySet());
        composed.removeAll(PRODUCTION_ONLY);
        // The heap travels in JAVA_TOOL_OPTIONS in an image and on the java command line in cluster up.
        composed.remove("JAVA_TOOL_OPTIONS");
        assertThat(composed).as(service + "'s variables in docker-compose.yml").isEqualTo(new TreeSet<>(planned.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, Object> env = (Map<String, Object>) services.get(service).get("environment");
        return env.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    }
}
