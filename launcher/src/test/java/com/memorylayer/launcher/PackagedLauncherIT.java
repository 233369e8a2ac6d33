package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.embedded.FreePort;
import com.memorylayer.launcher.LauncherProcessTest.Launched;
import com.memorylayer.launcher.LauncherProcessTest.Ports;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a person runs it: the packaged jar ({@code ./memorylayer up}), not the test classpath. The tests
 * beside this one run the launcher from the test classpath, which once hid a library the jar left out (the MCP SDK's
 * schema validator): the platform started in every test and failed for every user. Runs after {@code package}.
 */
class PackagedLauncherIT {

    @Test
    void thePackagedJarStartsThePlatformAndAnAgentConnectsOverMcp(@TempDir Path data) throws Exception {
        Path jar = Path.of(System.getProperty("memorylayer.packaged.jar", "target/launcher-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(Files.isRegularFile(jar)).as("the packaged launcher " + jar).isTrue();
        List<Launched> started = new ArrayList<>();
        Launched launched = Launched.start(data, new Ports(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick()),
                "packaged", started, Map.of(), List.of("-jar", jar.toAbsolutePath().toString()));
        try {
            String url = launched.printed().get("MEMORYLAYER_URL");
            String slug = launched.printed().get("MEMORYLAYER_WORKSPACE");
            String key = launched.printed().get("MEMORYLAYER_API_KEY");
            ApiClient api = new ApiClient(url, slug, key);
            ApiClient.Response readiness = api.send("/v1/readiness", "GET", null, null, Map.of());
            assertThat(readiness.status()).as(readiness.raw()).isEqualTo(200);
            assertThat(readiness.body().path("status").asString()).isEqualTo("ok");

            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(url)
                    .endpoint("/v1/workspaces/" + slug + "/mcp")
                    .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + key))
                    .build();
            try (McpSyncClient client = McpClient.sync(transport).clientInfo(new McpSchema.Implementation("packaged-it", "1"))
                    .requestTimeout(Duration.ofSeconds(60)).build()) {
                client.initialize();
                assertThat(client.listTools().tools()).hasSizeGreaterThanOrEqualTo(66);
                McpSchema.CallToolResult stored = client.callTool(McpSchema.CallToolRequest.builder("remember")
                        .arguments(Map.of("content", "The packaged launcher serves MCP.")).build());
                assertThat(stored.isError()).as(String.valueOf(stored.content())).isFalse();
                McpSchema.CallToolResult found = client.callTool(McpSchema.CallToolRequest.builder("recall")
                        .arguments(Map.of("query", "what serves MCP", "top_k", 1)).build());
                assertThat(String.valueOf(found.structuredContent())).contains("The packaged launcher serves MCP.");
            }
            launched.interrupt();
        } finally {
            launched.stopIfRunning();
        }
    }
}
