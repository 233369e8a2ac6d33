package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.gateway.mcp.ToolCatalogue;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.gateway.tenant.WorkspaceDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The connection kits of a workspace: each client configuration read as its client reads it (JSON, TOML, dotenv) and
 * then used — the key put where the client would put it, and the MCP endpoint it names listing the tools. No kit
 * holds the key. The dashboard's kit, with its "test connection", runs in a real headless Chromium.
 */
class ConnectionKitTest {

    static final List<String> KITS = List.of("/bootstrap", "/connect", "/connect/claude-code", "/connect/cursor", "/connect/codex",
            "/connect/env", "/connect/claude-skill.md");

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static GatewayHarness.TestWorkspace workspace;
    static int toolCount;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        // Behind a TLS proxy, as in production (the test's own calls come straight, without X-Forwarded-*).
        gateway = harness.startGateway(Map.of("memorylayer.rate-limit.auth-per-minute", "1000", "server.forward-headers-strategy", "native"));
        workspace = gateway.newWorkspace(EnumSet.of(Scope.READ, Scope.WRITE));
        toolCount = gateway.context().getBean(ToolCatalogue.class).all().size();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String mcpUrl() {
        return gateway.url() + "/v1/workspaces/" + workspace.slug() + "/mcp";
    }

    @Test
    void bootstrapNamesTheServiceTheToolsAndTheCallingKeyByNameAndPrefixOnly() throws Exception {
        JsonNode bootstrap = read(kit("/bootstrap", workspace.token()));
        assertThat(bootstrap.path("service").path("name").asString()).isEqualTo("Memorylayer");
        assertThat(bootstrap.path("service").path("base_url").asString()).isEqualTo(gateway.url());
        assertThat(bootstrap.path("service").path("mcp_url").asString()).isEqualTo(mcpUrl());
        assertThat(bootstrap.path("service").path("openapi_url").asString()).isEqualTo(gateway.url() + "/openapi.json");
        assertThat(bootstrap.path("service").path("docs_url").asString()).isEqualTo(gateway.url() + "/docs");
        JsonNode mcp = bootstrap.path("mcp");
        assertThat(mcp.path("transport").asString()).isEqualTo("streamable-http");
        assertThat(mcp.path("protocol").asString()).isEqualTo("2025-11-25");
        assertThat(mcp.path("url").asString()).isEqualTo(mcpUrl());
        assertThat(mcp.path("profiles").path("core").asString()).isEqualTo(mcpUrl() + "?tools=core");
        assertThat(mcp.path("tool_names").size()).isEqualTo(toolCount);
        int grouped = 0;
        for (JsonNode names : mcp.path("groups")) {
            grouped += names.size();
        }
        assertThat(grouped).isEqualTo(toolCount);
        assertThat(mcp.path("groups").path("memory").toString()).contains("\"recall\"");
        List<String> skills = new ArrayList<>();
        bootstrap.path("skills").forEach(s -> skills.add(s.path("name").asString()));
        assertThat(skills).containsExactly("memorylayer-" + workspace.slug(), "session-handoff", "workspace-memory");
        assertThat(bootstrap.path("api_key").path("label").asString()).isEqualTo("test");
        assertThat(bootstrap.path("api_key").path("prefix").asString()).isEqualTo("mlk_" + workspace.key().token().prefix());
        // Every URL the bootstrap gives answers, with the same key.
        for (String api : List.of("status_url", "memories_url", "ingest_runs_url", "tools_url", "resume_url")) {
            assertThat(send("GET", bootstrap.path("api").path(api).asString(), workspace.token()).statusCode()).as(api).isNotIn(401, 403, 404);
        }
    }

    @Test
    void theKitListsHeadersEndpointsClientConfigsStartupCallsAndEnv() throws Exception {
        JsonNode kit = read(kit("/connect", workspace.token()));
        assertThat(kit.path("workspace").path("slug").asString()).isEqualTo(workspace.slug());
        assertThat(kit.path("auth").path("api_key_label").asString()).isEqualTo("test");
        assertThat(kit.path("auth").path("headers").toString())
                .isEqualTo("[\"Authorization: Bearer $MEMORYLAYER_API_KEY\",\"X-API-Key: $MEMORYLAYER_API_KEY\",\"Authorization: Token $MEMORYLAYER_API_KEY\"]");
        assertThat(kit.path("endpoints").path("recall_url").asString()).isEqualTo(gateway.url() + "/v1/workspaces/" + workspace.slug() + "/recall");
        for (String client : List.of("claude_code", "cursor", "codex", "env", "claude_skill")) {
            HttpResponse<String> config = send("GET", kit.path("client_configs").path(client).asString(), workspace.token());
            assertThat(config.statusCode()).as(client).isEqualTo(200);
        }
        JsonNode first = kit.path("startup_calls").get(0);
        assertThat(first.path("tool").asString()).isEqualTo("resume_context");
        JsonNode context = kit.path("startup_calls").get(1);
        assertThat(context.path("tool").asString()).isEqualTo("recall_context");
        assertThat(context.path("arguments").toString()).isEqualTo("{\"query\":\"current task\",\"max_tokens\":1200}");
        ToolCatalogue catalogue = gateway.context().getBean(ToolCatalogue.class);
        for (String calls : List.of("startup_calls", "shutdown_calls")) {
            kit.path(calls).forEach(call -> assertThat(catalogue.named(call.path("tool").asString())).as(call.toString()).isPresent());
        }
        assertThat(kit.path("env").path("MEMORYLAYER_MCP_URL").asString()).isEqualTo(mcpUrl());
        assertThat(kit.path("env").has("MEMORYLAYER_API_KEY")).isTrue();
        assertThat(kit.path("env").path("MEMORYLAYER_API_KEY").isNull()).isTrue();
    }

    @Test
    void claudeCodesMcpJsonIsAnHttpServerWhoseHeaderReadsTheKeyFromTheEnvironment() throws Exception {
        HttpResponse<String> answer = kit("/connect/claude-code", workspace.token());
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode server = json.readTree(answer.body()).path("mcpServers").path("memorylayer");
        assertThat(server.path("type").asString()).isEqualTo("http");
        assertThat(server.path("url").asString()).isEqualTo(mcpUrl());
        String header = server.path("headers").path("Authorization").asString();
        assertThat(header).isEqualTo("Bearer ${MEMORYLAYER_API_KEY}");
        // What Claude Code sends once it has expanded the variable.
        assertListsTools(server.path("url").asString(), header.replace("${MEMORYLAYER_API_KEY}", workspace.token()));
    }

    @Test
    void cursorsMcpJsonReadsTheKeyThroughItsEnvSyntax() throws Exception {
        JsonNode server = json.readTree(kit("/connect/cursor", workspace.token()).body()).path("mcpServers").path("memorylayer");
        assertThat(server.path("url").asString()).isEqualTo(mcpUrl());
        assertThat(server.has("type")).isFalse();
        String header = server.path("headers").path("Authorization").asString();
        assertThat(header).isEqualTo("Bearer ${env:MEMORYLAYER_API_KEY}");
        assertListsTools(server.path("url").asString(), header.replace("${env:MEMORYLAYER_API_KEY}", workspace.token()));
    }

    @Test
    void codexsConfigTomlParsesAndNamesTheBearerTokensVariable() throws Exception {
        JsonNode config = new TomlMapper().readTree(kit("/connect/codex", workspace.token()).body());
        JsonNode server = config.path("mcp_servers").path("memorylayer");
        assertThat(server.path("url").asString()).isEqualTo(mcpUrl());
        assertThat(server.path("bearer_token_env_var").asString()).isEqualTo("MEMORYLAYER_API_KEY");
        Map<String, String> environment = Map.of("MEMORYLAYER_API_KEY", workspace.token());
        assertListsTools(server.path("url").asString(), "Bearer " + environment.get(server.path("bearer_token_env_var").asString()));
    }

    @Test
    void theEnvFileGivesTheAddressesAndLeavesTheKeyToFillIn() throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        String env = kit("/connect/env", workspace.token()).body();
        for (String line : env.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            assertThat(equals).as(line).isPositive();
            variables.put(line.substring(0, equals), line.substring(equals + 1));
        }
        assertThat(variables).containsExactly(Map.entry("MEMORYLAYER_URL", gateway.url()),
                Map.entry("MEMORYLAYER_WORKSPACE", workspace.slug()), Map.entry("MEMORYLAYER_MCP_URL", mcpUrl()),
                Map.entry("MEMORYLAYER_API_KEY", ""));
        assertThat(env).contains("\"test\" (mlk_" + workspace.key().token().prefix() + "...)");
    }

    @Test
    void behindATlsProxyTheKitsNameTheAddressTheClientUsed() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/workspaces/" + workspace.slug()
                        + "/connect/codex")).header("Authorization", "Bearer " + workspace.token())
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "localhost").header("X-Forwarded-Port", "443").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new TomlMapper().readTree(answer.body()).path("mcp_servers").path("memorylayer").path("url").asString())
                .isEqualTo("https://localhost/v1/workspaces/" + workspace.slug() + "/mcp");
    }

    @Test
    void aKeyNamedWithALineBreakCannotAddALineToTheEnvFile() throws Exception {
        Workspace target = workspace.workspace();
        IssuedApiKey sneaky = gateway.context().getBean(com.memorylayer.gateway.keys.ApiKeyIssuer.class)
                .issue(target.id(), "x\nMEMORYLAYER_URL=https://elsewhere.example", Set.of(Scope.READ), null);
        String env = kit("/connect/env", sneaky.token().value()).body();
        assertThat(env.lines().filter(l -> l.startsWith("MEMORYLAYER_URL="))).containsExactly("MEMORYLAYER_URL=" + gateway.url());
    }

    @Test
    void theWorkspaceSkillIsAClaudeSkillThatResumesRecallsRemembersAndCheckpoints() throws Exception {
        HttpResponse<String> answer = kit("/connect/claude-skill.md", workspace.token());
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        String skill = answer.body();
        assertThat(skill).startsWith("---\nname: memorylayer-" + workspace.slug() + "\ndescription: ");
        assertThat(skill.indexOf("resume_context")).isLessThan(skill.indexOf("recall_context"));
        assertThat(skill.indexOf("recall_context")).isLessThan(skill.indexOf("`remember`"));
        assertThat(skill.indexOf("`remember`")).isLessThan(skill.indexOf("session_checkpoint"));
        assertThat(skill).contains(mcpUrl()).contains("remember_decision").doesNotContain("{{");
        ToolCatalogue catalogue = gateway.context().getBean(ToolCatalogue.class);
        List<String> missing = StarterContentTest.skillTools(skill, catalogue).stream().filter(t -> catalogue.named(t).isEmpty()).toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void noKitHoldsTheKeyAndAnyKeyOfTheWorkspaceMayReadThem() throws Exception {
        String writeOnly = gateway.issueKey(workspace.workspace(), Set.of(Scope.WRITE), null).token().value();
        for (String key : List.of(workspace.token(), writeOnly)) {
            for (String path : KITS) {
                HttpResponse<String> answer = kit(path, key);
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                assertThat(answer.body()).as(path).doesNotContain(key)
                        .doesNotContain(com.memorylayer.gateway.keys.ApiKeyToken.parse(key).orElseThrow().secret());
            }
        }
    }

    @Test
    void aKeyOfAnotherWorkspaceFindsNoKitAndNoKeyIsRefused() throws Exception {
        GatewayHarness.TestWorkspace other = gateway.newWorkspace(EnumSet.of(Scope.READ));
        for (String path : KITS) {
            HttpResponse<String> foreign = kit(path, other.token());
            assertThat(foreign.statusCode()).as(path).isEqualTo(404);
            assertThat(foreign.body()).contains("\"code\":\"workspace_not_found\"");
            HttpResponse<String> anonymous = send("GET", gateway.url() + "/v1/workspaces/" + workspace.slug() + path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"code\":\"missing_api_key\"");
        }
    }

    /** The dashboard's kit in a real browser: the configurations on the page, and "test connection" with a pasted key. */
    @Test
    void theDashboardShowsTheKitAndTestsAConnectionWithAPastedKey() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        assertThat(chromium).as("Debian's chromium; .ci/run installs it (apt-get install chromium chromium-driver)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(directory, "chromium-profile"));
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build(), options);
        try {
            harness.nextGitHubUser(7101, "kit-viewer");
            browser.get(gateway.url() + "/app");
            browser.findElement(By.id("sign-in-github")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> URI.create(b.getCurrentUrl()).getPath().equals("/app"));
            WebElement create = browser.findElement(By.id("create-workspace"));
            create.findElement(By.name("slug")).sendKeys("kit-browser");
            create.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> URI.create(b.getCurrentUrl()).getPath()
                    .equals("/app/workspaces/kit-browser"));

            String mcp = gateway.url() + "/v1/workspaces/kit-browser/mcp";
            assertThat(browser.findElement(By.id("kit-mcp-url")).getText()).isEqualTo(mcp);
            assertThat(json.readTree(browser.findElement(By.id("kit-claude-code")).getText()).path("mcpServers").path("memorylayer")
                    .path("url").asString()).isEqualTo(mcp);
            assertThat(json.readTree(browser.findElement(By.id("kit-cursor")).getText()).path("mcpServers").path("memorylayer")
                    .path("url").asString()).isEqualTo(mcp);
            assertThat(new TomlMapper().readTree(browser.findElement(By.id("kit-codex")).getText()).path("mcp_servers")
                    .path("memorylayer").path("url").asString()).isEqualTo(mcp);
            assertThat(browser.findElement(By.id("kit-env")).getText()).contains("MEMORYLAYER_MCP_URL=" + mcp);
            assertThat(browser.findElements(By.cssSelector("#connect-kit button.copy"))).hasSize(5);

            WebElement result = browser.findElement(By.id("kit-test-result"));
            browser.findElement(By.id("kit-key")).sendKeys("mlk_000000000000_" + "A".repeat(43));
            browser.findElement(By.id("kit-test-run")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> "error".equals(result.getAttribute("data-state")));
            assertThat(result.getText()).isEqualTo("HTTP 401 invalid_api_key");

            Workspace created = gateway.context().getBean(WorkspaceDirectory.class).findBySlug("kit-browser").orElseThrow();
            String key = gateway.issueKey(created, Set.of(Scope.READ), null).token().value();
            WebElement field = browser.findElement(By.id("kit-key"));
            field.clear();
            field.sendKeys(key);
            browser.findElement(By.id("kit-test-run")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> "ok".equals(result.getAttribute("data-state")));
            assertThat(result.getText()).isEqualTo("connected: " + toolCount + " tools");
        } finally {
            browser.quit();
        }
    }

    private static void assertListsTools(String url, String authorization) throws Exception {
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).path("result").path("tools").size()).isEqualTo(toolCount);
    }

    private static HttpResponse<String> kit(String path, String key) throws Exception {
        return send("GET", gateway.url() + "/v1/workspaces/" + workspace.slug() + path, key);
    }

    private static HttpResponse<String> send(String method, String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
