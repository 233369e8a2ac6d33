package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./memorylayer admin}: a workspace and a key made without a browser, first with the platform stopped; the
 * entity graph rebuilt (the ingest worker's command, routed by the launcher) with the platform stopped and running.
 */
class AdminCommandTest {

    @Test
    void createsAWorkspaceAndAKeyThatThePlatformThenAccepts() throws Exception {
        Path data = TestPlatform.tempDirectory();
        PlatformSettings settings = new PlatformSettings(data, TestPlatform.MODELS, "127.0.0.1", 0, 0, 0,
                com.memorylayer.embedded.FreePort.pick(), com.memorylayer.embedded.EmbeddedPostgresServer.Durability.FAST, false,
                com.memorylayer.launcher.postgres.RestartPolicy.DEFAULT);
        Output workspace = run(settings, "create-workspace", "ops-made", "--name", "Made by ops");
        assertThat(workspace.status()).as(workspace.err()).isZero();
        assertThat(workspace.out()).contains("MEMORYLAYER_WORKSPACE=ops-made");
        Output key = run(settings, "create-key", "ops-made", "--name", "deploy-bot", "--scopes", "read,write");
        assertThat(key.status()).as(key.err()).isZero();
        String token = key.out().lines().filter(l -> l.startsWith("MEMORYLAYER_API_KEY=")).findFirst().orElseThrow()
                .substring("MEMORYLAYER_API_KEY=".length());

        assertThat(run(settings, "create-workspace", "ops-made").status()).isEqualTo(1);
        assertThat(run(settings, "create-workspace", "Bad Slug").err()).contains("invalid_request");
        assertThat(run(settings, "create-key", "no-such-space", "--name", "x").status()).isEqualTo(1);
        assertThat(run(settings, "frobnicate").status()).isEqualTo(2);
        Output badDate = run(settings, "create-key", "ops-made", "--name", "x", "--expires-at", "tomorrow");
        assertThat(badDate.status()).isEqualTo(2);
        assertThat(badDate.err()).startsWith("memorylayer admin:").doesNotContain("\tat ");
        assertThat(run(settings, "add-member", "ops-made", "nobody-signed-in", "--role", "owner").err()).contains("has signed in");
        Output usage = run(settings);
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("admin create-workspace <slug>", "admin add-member <slug>", "admin rebuild-graph <slug>");

        // rebuild-graph is the ingest worker's command; the launcher routes it there, with the same lines as ever.
        Output emptyGraph = run(settings, "rebuild-graph", "ops-made");
        assertThat(emptyGraph.status()).as(emptyGraph.err()).isZero();
        assertThat(emptyGraph.out().lines()).containsExactly("MEMORYLAYER_GRAPH_REBUILT=ops-made", "MEMORYLAYER_GRAPH_MEMORIES=0");
        Output noSpace = run(settings, "rebuild-graph", "no-such-space");
        assertThat(noSpace.status()).isEqualTo(1);
        assertThat(noSpace.err()).contains("no workspace 'no-such-space'");

        try (Platform platform = Platform.start(settings)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.gatewayUrl() + "/v1/workspaces/ops-made")).header("X-API-Key", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("Made by ops");
            HttpResponse<String> remembered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.gatewayUrl() + "/v1/workspaces/ops-made/memories?wait=true")).header("X-API-Key", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Priya moved to Berlin.\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(remembered.statusCode()).as(remembered.body()).isEqualTo(200);
            Output graph = run(settings, "rebuild-graph", "ops-made");
            assertThat(graph.status()).as(graph.err()).isZero();
            assertThat(graph.out().lines()).containsExactly("MEMORYLAYER_GRAPH_REBUILT=ops-made", "MEMORYLAYER_GRAPH_MEMORIES=1");
            // With the platform up, the command uses its running Postgres.
            String keyId = key.out().lines().filter(l -> l.startsWith("MEMORYLAYER_KEY_ID=")).findFirst().orElseThrow()
                    .substring("MEMORYLAYER_KEY_ID=".length());
            assertThat(run(settings, "revoke-key", "ops-made", keyId).status()).isZero();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.gatewayUrl() + "/v1/workspaces/ops-made")).header("X-API-Key", token).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }

    record Output(int status, String out, String err) {
    }

    private static Output run(PlatformSettings settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AdminLauncher.run(settings, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
