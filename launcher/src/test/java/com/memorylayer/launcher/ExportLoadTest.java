package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceSlug;
import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exports that clients read slowly hold no database connection and are bounded in number, so a dozen stalled
 * downloads leave every other tenant's calls answering as usual. The query service reads and streams the export,
 * the gateway passes it through and holds the slots; moved here from the gateway's tests with the export.
 */
class ExportLoadTest {

    private static final int MEMORIES = 3000;

    static Platform platform;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // One workspace's downloads fill the gateway's cap here, so its own limit is lifted to the cap; the limit per
        // workspace has its test in BoundedWorkspaceReadsTest.
        platform = Platform.start(PlatformSettings.ephemeral(TestPlatform.tempDirectory(), TestPlatform.MODELS), Map.of(
                "memorylayer.rate-limit.api-per-minute", "100000",
                "memorylayer.rate-limit.workspace-per-minute", "100000",
                "memorylayer.workspaces.max-concurrent-exports", "4",
                "memorylayer.workspaces.max-concurrent-exports-per-workspace", "4"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private record Tenant(Workspace workspace, String token) {
        String slug() {
            return workspace.slug();
        }
    }

    private static Tenant tenant(Set<Scope> scopes) {
        String slug = "e-" + UUID.randomUUID().toString().substring(0, 8);
        Workspace workspace = platform.gateway().getBean(WorkspaceProvisioner.class).create(new WorkspaceSlug(slug), slug);
        return new Tenant(workspace, platform.gateway().getBean(ApiKeyIssuer.class).issue(workspace.id(), "test", scopes, null)
                .token().value());
    }

    @Test
    void stalledExportsPinNoConnectionsAndPastTheCapAreRefusedAtOnce() throws Exception {
        Tenant exported = tenant(Set.of(Scope.ADMIN));
        // About 6 MB of export: far more than the socket buffers, so a reader that stops reading stalls the writer.
        try (Connection db = DriverManager.getConnection(platform.postgres().jdbcUrl(), platform.postgres().user(),
                platform.postgres().password()); Statement insert = db.createStatement()) {
            insert.execute("insert into \"" + exported.workspace().schema().value()
                    + "\".memories (id, content, kind, source, content_hash, embedding, embedding_model, created_at, updated_at) "
                    + "select gen_random_uuid(), 'memory ' || g || ' ' || repeat('x', 2000), 'note', 'api', '\\x00', '\\x00', 'none', "
                    + "timestamptz '2026-01-01' + g * interval '1 second', now() from generate_series(1, " + MEMORIES + ") g");
        }
        Tenant other = tenant(Set.of(Scope.READ));

        List<Socket> stalled = new ArrayList<>();
        List<String> statusLines = new ArrayList<>();
        try {
            // More stalled downloads than the gateway's and the query service's pools have connections (10 each).
            for (int i = 0; i < 12; i++) {
                Socket socket = new Socket("127.0.0.1", URI.create(platform.gatewayUrl()).getPort());
                socket.getOutputStream().write(("GET /v1/workspaces/" + exported.slug() + "/export HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-API-Key: " + exported.token() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                statusLines.add(firstLine(socket.getInputStream()));
                stalled.add(socket);
            }
            assertThat(statusLines).filteredOn(l -> l.contains(" 200 ")).hasSize(4);
            assertThat(statusLines).filteredOn(l -> l.contains(" 503 ")).hasSize(8);

            // Another tenant's calls, each of which reads its key from Postgres, answer as usual.
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/workspaces/" + other.slug()))
                        .header("X-API-Key", other.token()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).as("call %d (ms)", i).isLessThan(2_000);
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }

        // Once the stalled ones are gone, an export read to the end holds every memory once, oldest first.
        HttpResponse<String> whole = awaitExport(exported);
        String[] lines = whole.body().split("\n");
        assertThat(lines).hasSize(MEMORIES);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).contains("\"content\":\"memory " + (i + 1) + " ");
            ids.add(lines[i].substring(lines[i].indexOf("\"id\":\"") + 6, lines[i].indexOf("\"id\":\"") + 42));
        }
        assertThat(ids).hasSize(MEMORIES);
    }

    /** The slots free up as the server notices the closed sockets; retries on 503 until one is free. */
    private static HttpResponse<String> awaitExport(Tenant workspace) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/workspaces/"
                    + workspace.slug() + "/export")).header("X-API-Key", workspace.token()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 503 || System.nanoTime() > deadline) {
                assertThat(answer.statusCode()).isEqualTo(200);
                return answer;
            }
            Thread.sleep(500);
        }
    }

    private static String firstLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }
}
