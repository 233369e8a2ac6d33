package com.memorylayer.launcher.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * Whether each member answers as ready: a broker by listening on its port and being one of the cluster's nodes, Postgres by taking a
 * connection, a gateway by {@code GET /v1/readiness} (database, brokers, query service and model all answer), a
 * query replica by {@code GET /healthz}, an ingest worker by being a member of the {@code memory-commands} group under
 * its client id, the audit-sink by its Streams group having a member.
 */
final class ClusterReadiness implements AutoCloseable {

    /** The ingest worker's command listener id, which is its consumer group (MemoryCommandListener.LISTENER_ID). */
    static final String INGEST_GROUP = "memory-commands";

    private final ClusterPlan plan;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Admin admin;

    ClusterReadiness(ClusterPlan plan) {
        this.plan = plan;
    }

    boolean ready(String member) {
        if (member.startsWith("kafka-")) {
            int node = Integer.parseInt(member.substring("kafka-".length()));
            // Its own port first: right after a SIGKILL the controller still lists the dead node for a few seconds.
            return listening(plan.ports().kafka().get(node - 1)) && brokerNodes().contains(node);
        }
        if (member.equals(ClusterPlan.POSTGRES)) {
            return postgresAnswers();
        }
        if (member.startsWith("gateway-")) {
            return httpOk(plan.gatewayUrl(index(member)) + "/v1/readiness");
        }
        if (member.startsWith("query-")) {
            return httpOk(plan.queryUrl(index(member)) + "/healthz");
        }
        if (member.startsWith("ingest-")) {
            return groupMembers(INGEST_GROUP).stream().anyMatch(id -> id.equals(member) || id.startsWith(member + "-"));
        }
        if (member.equals(ClusterPlan.AUDIT_SINK)) {
            return !groupMembers(ClusterPlan.AUDIT_SINK_GROUP).isEmpty();
        }
        throw new IllegalArgumentException("no such member: " + member);
    }

    /** Whether the gateway's process serves HTTP at all (before its dependencies are all there). */
    boolean gatewayAlive(int index) {
        return httpOk(plan.gatewayUrl(index) + "/healthz");
    }

    private static int index(String member) {
        return Integer.parseInt(member.substring(member.lastIndexOf('-') + 1)) - 1;
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<Integer> brokerNodes() {
        try {
            return admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).stream().map(node -> node.id()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private List<String> groupMembers(String group) {
        try {
            Map<String, ConsumerGroupDescription> groups = admin().describeConsumerGroups(List.of(group)).all()
                    .get(3, TimeUnit.SECONDS);
            ConsumerGroupDescription description = groups.get(group);
            return description == null ? List.of() : description.members().stream().map(m -> m.clientId()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private boolean postgresAnswers() {
        try (Connection ignored = DriverManager.getConnection(plan.jdbcUrl() + "?connectTimeout=2", "postgres",
                plan.databasePassword())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean httpOk(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plan.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        http.close();
    }
}
