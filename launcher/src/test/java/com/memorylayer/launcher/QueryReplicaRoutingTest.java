package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.FreePort;
import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.gateway.reads.QueryReplicas;
import com.memorylayer.gateway.reads.QueryServiceProperties;
import com.memorylayer.gateway.reads.RendezvousHash;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import com.memorylayer.telemetry.trace.TraceHeaders;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway's routing of reads among real query replicas (two query-service contexts on the shared platform's
 * Postgres and broker): each workspace warms on one replica only, the one its rendezvous order names; when that
 * replica leaves, its workspaces, and only they, move to their next replica within the same calls; and a replica
 * that drops a call mid-request is skipped within that call.
 */
class QueryReplicaRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKSPACES = 20;

    @Test
    void eachWorkspaceWarmsOnItsOwnReplicaAndOnlyAReplicaThatLeavesMovesItsWorkspaces() throws Exception {
        Platform platform = TestPlatform.get();
        int port = FreePort.pick();
        ConfigurableApplicationContext second = platform.startQueryReplica(port);
        String first = platform.queryServiceUrl();
        String other = "http://127.0.0.1:" + port;
        List<String> both = List.of(first, other);
        QueryServiceProperties settings = new QueryServiceProperties(both, null, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofSeconds(30));
        try (QueryReplicas replicas = new QueryReplicas(settings); HttpClient http = HttpClient.newHttpClient()) {
            QueryForwarder forwarder = new QueryForwarder(settings, replicas, new TraceHeaders(Tracer.NOOP, Propagator.NOOP));
            Map<TestWorkspace, String> tokens = new LinkedHashMap<>();
            for (int i = 0; i < WORKSPACES; i++) {
                TestWorkspace workspace = TestPlatform.newWorkspace();
                tokens.put(workspace, workspace.api().token(workspace.api().remember("Replica routing fact number " + i)));
            }
            Map<String, List<TestWorkspace>> routed = new LinkedHashMap<>();
            for (var entry : tokens.entrySet()) {
                TestWorkspace workspace = entry.getKey();
                assertThat(recalledContents(forwarder, workspace, entry.getValue())).anyMatch(c -> c.startsWith("Replica routing fact"));
                String expected = RendezvousHash.order(workspace.workspace().id(), both, Function.identity()).getFirst();
                routed.computeIfAbsent(expected, k -> new ArrayList<>()).add(workspace);
                assertThat(warm(http, expected, workspace)).as("warm on its replica").isTrue();
                assertThat(warm(http, expected.equals(first) ? other : first, workspace)).as("not warm on the other").isFalse();
            }
            List<TestWorkspace> onFirst = routed.getOrDefault(first, List.of());
            List<TestWorkspace> onOther = routed.getOrDefault(other, List.of());
            System.out.printf("query replicas: %d active workspaces, %d warm on replica 1, %d on replica 2%n", WORKSPACES,
                    onFirst.size(), onOther.size());
            // Twenty random ids all landing on one of two replicas has odds of one in half a million.
            assertThat(onFirst).isNotEmpty();
            assertThat(onOther).isNotEmpty();

            second.close();
            for (TestWorkspace workspace : onOther) {
                // The first call after the replica left finds it gone and goes on to the next within the call.
                assertThat(recalledContents(forwarder, workspace, tokens.get(workspace))).anyMatch(c -> c.startsWith("Replica routing fact"));
                assertThat(warm(http, first, workspace)).as("moved to its next replica").isTrue();
            }
            assertThat(replicas.members()).contains(new QueryReplicas.Replica(other, false));
            // The others stay where they were. (Whether they are still warm there is the 16-runtime cap's business:
            // the replica now holds the moved workspaces too.)
            for (TestWorkspace workspace : onFirst) {
                assertThat(replicas.order(workspace.workspace().id()).getFirst()).isEqualTo(first);
                assertThat(recalledContents(forwarder, workspace, tokens.get(workspace))).anyMatch(c -> c.startsWith("Replica routing fact"));
            }
        } finally {
            second.close();
        }
    }

    @Test
    void aReplicaThatDropsTheConnectionMidCallIsSkippedWithinTheCall() throws Exception {
        Platform platform = TestPlatform.get();
        TestWorkspace workspace = TestPlatform.newWorkspace();
        String token = workspace.api().token(workspace.api().remember("The failover drill runs every Tuesday"));
        List<DroppingReplica> droppers = new ArrayList<>();
        try {
            DroppingReplica dropper;
            List<String> replicaUrls;
            // Until the dropping replica comes first in this workspace's order (each try is a coin toss).
            do {
                dropper = new DroppingReplica();
                droppers.add(dropper);
                replicaUrls = List.of(dropper.url(), platform.queryServiceUrl());
            } while (!RendezvousHash.order(workspace.workspace().id(), replicaUrls, Function.identity()).getFirst().equals(dropper.url()));
            QueryServiceProperties settings = new QueryServiceProperties(replicaUrls, null, Duration.ofSeconds(30),
                    Duration.ofSeconds(2), Duration.ofSeconds(30));
            try (QueryReplicas replicas = new QueryReplicas(settings)) {
                assertThat(replicas.order(workspace.workspace().id()).getFirst()).isEqualTo(dropper.url());
                QueryForwarder forwarder = new QueryForwarder(settings, replicas, new TraceHeaders(Tracer.NOOP, Propagator.NOOP));
                assertThat(recalledContents(forwarder, workspace, token)).contains("The failover drill runs every Tuesday");
                assertThat(dropper.dropped()).as("the call reached the dropping replica first").isPositive();
                assertThat(replicas.members()).contains(new QueryReplicas.Replica(dropper.url(), false));
            }
        } finally {
            droppers.forEach(DroppingReplica::close);
        }
    }

    private static List<String> recalledContents(QueryForwarder forwarder, TestWorkspace workspace, String token) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("query", "what fact is this", "limit", 5, "consistency_token", token));
        ResponseEntity<byte[]> answer = forwarder.recall(workspace.workspace().id(), body, false).get();
        assertThat(answer.getStatusCode().value()).as(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo(200);
        List<String> contents = new ArrayList<>();
        JSON.readTree(answer.getBody()).path("results").forEach(r -> contents.add(r.path("content").asString()));
        return contents;
    }

    private static boolean warm(HttpClient http, String replica, TestWorkspace workspace) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(replica + "/internal/v1/workspaces/"
                + workspace.workspace().id() + "/runtime")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode state = JSON.readTree(answer.body());
        return state.path("warm").asBoolean();
    }

    /**
     * A replica that answers its health probe and then dies on every read: it takes the request and closes the
     * connection with a reset, as a query service killed mid-call does.
     */
    private static final class DroppingReplica implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread acceptor;
        private volatile int dropped;

        DroppingReplica() throws Exception {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(this::serve);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int dropped() {
            return dropped;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    byte[] head = new byte[64];
                    int read = in.read(head);
                    String line = read <= 0 ? "" : new String(head, 0, read, StandardCharsets.US_ASCII);
                    if (line.startsWith("GET /healthz")) {
                        OutputStream out = connection.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } else {
                        dropped++;
                        connection.setSoLinger(true, 0);
                    }
                } catch (Exception e) {
                    // Closed: done.
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (Exception e) {
                // Nothing to keep.
            }
            acceptor.interrupt();
        }
    }
}
