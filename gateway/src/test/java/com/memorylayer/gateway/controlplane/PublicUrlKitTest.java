package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.connect.PublicUrlProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code memorylayer.public-url}: a gateway that knows its public address hands it out in every kit, whatever host and
 * port the kit was fetched through (here the pod's own 127.0.0.1 and port, never the public 8443); a value that is
 * not a base URL stops the start with the setting named.
 */
class PublicUrlKitTest {

    private static final String PUBLIC = "https://memory.example.com:8443";

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static GatewayHarness.TestWorkspace workspace;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        gateway = harness.startGateway(Map.of("memorylayer.public-url", PUBLIC + "/"));
        workspace = gateway.newWorkspace(EnumSet.of(Scope.READ));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String kit(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces/"
                + workspace.slug() + path)).header("Authorization", "Bearer " + workspace.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void everyKitNamesTheConfiguredPublicUrlNotTheAddressItWasFetchedThrough() throws Exception {
        assertThat(gateway.url()).doesNotContain("8443");
        JsonNode connect = JsonMapper.builder().build().readTree(kit("/connect"));
        assertThat(connect.path("service").path("base_url").asString()).isEqualTo(PUBLIC);
        assertThat(connect.path("service").path("mcp_url").asString()).isEqualTo(PUBLIC + "/v1/workspaces/" + workspace.slug() + "/mcp");
        for (String path : new String[] {"/bootstrap", "/connect", "/connect/claude-code", "/connect/cursor", "/connect/codex",
                "/connect/env", "/connect/claude-skill.md"}) {
            String body = kit(path);
            assertThat(body).as(path).contains(PUBLIC).doesNotContain(gateway.url()).doesNotContain("127.0.0.1");
        }
    }

    @Test
    void aPublicUrlThatIsNotABaseUrlIsRefusedWithTheSettingNamed() {
        assertThat(new PublicUrlProperties(" ").publicUrl()).isNull();
        assertThat(new PublicUrlProperties("https://memory.example.com/api/").publicUrl()).isEqualTo("https://memory.example.com/api");
        for (String wrong : new String[] {"memory.example.com", "ftp://memory.example.com", "https://memory.example.com:70000",
                "https://memory.example.com:0", "https://memory.example.com:port", "https://memory.example.com/?a=1"}) {
            assertThatThrownBy(() -> new PublicUrlProperties(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("memorylayer.public-url");
        }
    }
}
