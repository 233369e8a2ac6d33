package com.memorylayer.gateway.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Membership and readiness on real sockets; routing among real query services is tested in the launcher. */
class QueryReplicasTest {

    @Test
    void aMemberThatDoesNotAnswerItsProbeIsTriedLastAndComesBackWhenItAnswers() throws Exception {
        HttpServer healthy = server(200);
        HttpServer later = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int laterPort = later.getAddress().getPort();
        String up = "http://127.0.0.1:" + healthy.getAddress().getPort();
        String down = "http://127.0.0.1:" + laterPort;
        try (QueryReplicas replicas = new QueryReplicas(new QueryServiceProperties(List.of(up, down), null,
                Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5)))) {
            assertThat(replicas.members()).contains(new QueryReplicas.Replica(up, true), new QueryReplicas.Replica(down, false));
            for (int i = 0; i < 50; i++) {
                assertThat(replicas.order(UUID.randomUUID())).containsExactly(up, down);
            }
            later.createContext("/healthz", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            later.start();
            awaitReady(replicas, down);
            replicas.failed(down);
            assertThat(replicas.members()).contains(new QueryReplicas.Replica(down, false));
            awaitReady(replicas, down);
        } finally {
            healthy.stop(0);
            later.stop(0);
        }
    }

    @Test
    void membersComeFromEveryAddressOfADnsName() throws Exception {
        HttpServer healthy = server(200);
        int port = healthy.getAddress().getPort();
        try (QueryReplicas replicas = new QueryReplicas(new QueryServiceProperties(List.of(), "localhost:" + port,
                Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5)))) {
            assertThat(replicas.members()).extracting(QueryReplicas.Replica::url).contains("http://127.0.0.1:" + port);
            awaitReady(replicas, "http://127.0.0.1:" + port);
        } finally {
            healthy.stop(0);
        }
    }

    @Test
    void settingsNeedReplicasAndAWellFormedDnsName() {
        assertThatThrownBy(() -> new QueryServiceProperties(List.of(" "), null, null, null, null))
                .hasMessageContaining("MEMORYLAYER_QUERY_URLS");
        assertThatThrownBy(() -> new QueryServiceProperties(List.of(), "query-service", null, null, null))
                .hasMessageContaining("host:port");
        assertThat(QueryServiceProperties.of(List.of("http://a:1/", " http://b:2")).urls()).containsExactly("http://a:1", "http://b:2");
    }

    private static HttpServer server(int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void awaitReady(QueryReplicas replicas, String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!replicas.members().contains(new QueryReplicas.Replica(url, true))) {
            assertThat(System.nanoTime()).as(url + " becomes ready").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
