package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.ToolCatalogue;
import com.memorylayer.gateway.starter.Playbook;
import com.memorylayer.gateway.starter.SdkSnippet;
import com.memorylayer.gateway.starter.StarterContent;
import com.memorylayer.gateway.starter.StarterSkill;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public starter content (skills, playbooks, SDK snippets, examples, manifest) served without a key, and checked
 * against the gateway itself so it never rots: every tool it names is in the tool catalogue, every route it names is
 * served, every JSON body in a snippet parses.
 */
class StarterContentTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static StarterContent content;
    static ToolCatalogue catalogue;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = JsonMapper.builder().build();
    /** A backticked word in a skill: a tool's name or an argument's. */
    static final Pattern BACKTICKED_NAME = Pattern.compile("`([a-z][a-z0-9_]*)`");

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        gateway = harness.startGateway(Map.of());
        content = gateway.context().getBean(StarterContent.class);
        catalogue = gateway.context().getBean(ToolCatalogue.class);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void skillsAreServedWithoutAKeyAsJsonAndAsMarkdown() throws Exception {
        JsonNode list = read(get("/v1/skills"));
        assertThat(list.path("version").asString()).isNotBlank();
        assertThat(names(list.path("skills"))).containsExactly("session-handoff", "workspace-memory");
        assertThat(list.path("skills").get(1).path("markdown_url").asString())
                .isEqualTo(gateway.url() + "/v1/skills/workspace-memory.md");

        JsonNode skill = read(get("/v1/skills/workspace-memory"));
        assertThat(skill.path("title").asString()).isEqualTo("Workspace memory");
        assertThat(skill.path("markdown").asString()).startsWith("---\nname: workspace-memory\n");

        HttpResponse<String> markdown = get("/v1/skills/session-handoff.md");
        assertThat(markdown.statusCode()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/markdown");
        assertThat(markdown.body()).startsWith("---\nname: session-handoff\ndescription: ").contains("session_checkpoint");

        HttpResponse<String> unknown = get("/v1/skills/no-such-skill.md");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"not_found\"");
        assertThat(get("/v1/skills/no-such-skill").statusCode()).isEqualTo(404);
    }

    @Test
    void playbooksSnippetsAndExamplesAreServedWithoutAKey() throws Exception {
        JsonNode playbooks = read(get("/v1/playbooks")).path("playbooks");
        assertThat(names(playbooks)).containsExactly("new-agent-session", "repository-handoff", "memory-cleanup",
                "investigation-pivot", "client-onboarding");
        for (JsonNode playbook : playbooks) {
            assertThat(playbook.path("steps").size()).as(playbook.path("name").asString()).isGreaterThanOrEqualTo(4);
            for (JsonNode step : playbook.path("steps")) {
                assertThat(step.has("tool") != step.has("route")).as(step.toString()).isTrue();
                assertThat(step.path("why").asString()).isNotBlank();
            }
        }

        JsonNode snippets = read(get("/v1/sdk-snippets")).path("snippets");
        assertThat(names(snippets)).containsExactly("curl", "python", "typescript", "java", "bootstrap", "batch-ingest");
        for (JsonNode snippet : snippets) {
            String code = snippet.path("code").asString();
            assertThat(code).as(snippet.path("name").asString()).contains("MEMORYLAYER_URL").contains("MEMORYLAYER_API_KEY")
                    .doesNotContainPattern("mlk_[0-9a-f]{12}");
            assertThat(snippet.path("language").asString()).isNotBlank();
            assertThat(snippet.path("title").asString()).isNotBlank();
        }

        JsonNode examples = read(get("/v1/examples")).path("examples");
        assertThat(examples.size()).isEqualTo(content.examples().size());
        List<String> exampleNames = names(examples);
        assertThat(exampleNames).isSorted();
    }

    @Test
    void theManifestCountsWhatIsServedAndItsRoutesAreAllServed() throws Exception {
        JsonNode manifest = read(get("/v1/manifest"));
        assertThat(manifest.path("service").asString()).isEqualTo("Memorylayer");
        assertThat(manifest.path("version").asString()).isEqualTo(content.version());
        JsonNode counts = manifest.path("counts");
        // The catalogue grows as features land: counted from it, never a fixed number.
        assertThat(counts.path("tools").asInt()).isEqualTo(catalogue.all().size()).isPositive();
        assertThat(counts.path("groups").asInt()).isEqualTo(catalogue.all().stream().map(catalogue::groupOf).distinct().count());
        assertThat(counts.path("skills").asInt()).isEqualTo(2);
        assertThat(counts.path("playbooks").asInt()).isEqualTo(5);
        assertThat(counts.path("snippets").asInt()).isEqualTo(6);
        assertThat(counts.path("examples").asInt()).isEqualTo(content.examples().size());

        ServedRoutes served = new ServedRoutes(gateway.context());
        List<String> unserved = new ArrayList<>();
        for (String scope : List.of("public", "workspace")) {
            assertThat(manifest.path("routes").path(scope).size()).as(scope).isGreaterThan(5);
            manifest.path("routes").path(scope).properties().forEach(route -> {
                if (!served.serves(route.getValue().asString())) {
                    unserved.add(route.getKey() + ": " + route.getValue().asString());
                }
            });
        }
        assertThat(unserved).as("manifest routes no handler serves").isEmpty();
    }

    @Test
    void theStarterRoutesAndTheKitsAreInTheApiDocument() throws Exception {
        JsonNode paths = read(get("/openapi.json")).path("paths");
        for (String path : List.of("/v1/manifest", "/v1/skills", "/v1/skills/{name}", "/v1/skills/{name}.md", "/v1/playbooks",
                "/v1/sdk-snippets", "/v1/examples", "/v1/workspaces/{slug}/bootstrap", "/v1/workspaces/{slug}/connect",
                "/v1/workspaces/{slug}/connect/claude-code", "/v1/workspaces/{slug}/connect/cursor",
                "/v1/workspaces/{slug}/connect/codex", "/v1/workspaces/{slug}/connect/env",
                "/v1/workspaces/{slug}/connect/claude-skill.md")) {
            assertThat(paths.path(path).has("get")).as(path).isTrue();
        }
        assertThat(paths.path("/v1/workspaces/{slug}/connect").path("get").path("description").asString())
                .contains("Any key of the workspace, whatever its scopes");
    }

    /**
     * The check that keeps the content honest as tools are added and renamed. Tools named by content but not (yet) in
     * the catalogue are listed together, so one run shows all of them.
     */
    @Test
    void everyToolTheContentNamesIsInTheCatalogue() {
        Set<String> missing = new TreeSet<>();
        for (StarterSkill skill : content.skills()) {
            skillTools(skill.markdown(), catalogue).stream().filter(t -> catalogue.named(t).isEmpty()).map(t -> t + " (skill " + skill.name() + ")")
                    .forEach(missing::add);
        }
        for (Playbook playbook : content.playbooks()) {
            playbook.steps().stream().map(Playbook.Step::tool).filter(t -> t != null && catalogue.named(t).isEmpty())
                    .map(t -> t + " (playbook " + playbook.name() + ")").forEach(missing::add);
        }
        for (SdkSnippet snippet : content.snippets()) {
            snippet.tools().stream().filter(t -> catalogue.named(t).isEmpty()).map(t -> t + " (snippet " + snippet.name() + ")")
                    .forEach(missing::add);
        }
        assertThat(missing).as("tools the starter content names that the catalogue lacks").isEmpty();
    }

    @Test
    void everyPlaybookStepFitsItsToolsSchemaAndEveryRouteIsServed() {
        ServedRoutes served = new ServedRoutes(gateway.context());
        JsonSchemaValidator validator = new DefaultJsonSchemaValidator(JsonMapper.builder().build());
        List<String> wrong = new ArrayList<>();
        for (Playbook playbook : content.playbooks()) {
            for (Playbook.Step step : playbook.steps()) {
                if (step.route() != null && !served.serves(step.route())) {
                    wrong.add(playbook.name() + ": no route " + step.route());
                }
                if (step.tool() != null) {
                    // A tool not in the catalogue yet is reported by the test above; its arguments are checked once it is.
                    catalogue.named(step.tool()).ifPresent(tool -> {
                        JsonSchemaValidator.ValidationResponse valid = validator.validate(tool.inputSchema(), step.arguments());
                        if (!valid.valid()) {
                            wrong.add(playbook.name() + ": " + tool.name() + " " + valid.errorMessage());
                        }
                    });
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everySnippetCallsServedRoutesAndItsJsonBodiesParse() {
        ServedRoutes served = new ServedRoutes(gateway.context());
        List<String> wrong = new ArrayList<>();
        for (SdkSnippet snippet : content.snippets()) {
            for (String route : snippet.routes()) {
                if (!served.serves(route)) {
                    wrong.add(snippet.name() + ": no route " + route);
                }
                // The path as the code writes it, any variable or placeholder in the places of the route's variables.
                String path = route.split(" ", 2)[1];
                Pattern written = Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]*}", "\\\\E[^/\\\\s\"'`]+\\\\Q"));
                if (!written.matcher(snippet.code()).find()) {
                    wrong.add(snippet.name() + ": its code does not call " + route);
                }
            }
            for (String tool : snippet.tools()) {
                if (!snippet.code().contains("\"" + tool + "\"")) {
                    wrong.add(snippet.name() + ": its code does not name the tool " + tool);
                }
            }
            List<String> bodies = jsonBodies(snippet.code());
            if (!snippet.language().equals("typescript") && snippet.routes().stream().anyMatch(r -> r.startsWith("POST "))) {
                if (bodies.isEmpty()) {
                    wrong.add(snippet.name() + ": posts, but no JSON body was found in its code");
                }
            }
            for (String body : bodies) {
                try {
                    JsonNode parsed = json.readTree(body);
                    if (parsed.path("method").asString().equals("tools/call")
                            && !snippet.tools().contains(parsed.path("params").path("name").asString())) {
                        wrong.add(snippet.name() + ": calls a tool it does not declare: " + parsed.path("params").path("name"));
                    }
                } catch (JacksonException e) {
                    wrong.add(snippet.name() + ": a body is not JSON: " + body + " (" + e.getOriginalMessage() + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The JSON a snippet sends: curl's {@code -d '…'}, Java's text blocks, and JSON-RPC messages written as literals
     * (Python's dicts of strings and numbers are JSON as written).
     */
    static List<String> jsonBodies(String code) {
        List<String> bodies = new ArrayList<>();
        Matcher curl = Pattern.compile("-d '([^']*)'").matcher(code);
        while (curl.find()) {
            bodies.add(curl.group(1));
        }
        Matcher textBlock = Pattern.compile("\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL).matcher(code);
        while (textBlock.find()) {
            bodies.add(textBlock.group(1));
        }
        int at = code.indexOf("{\"jsonrpc\"");
        while (at >= 0) {
            int depth = 0;
            int end = at;
            do {
                char c = code.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            } while (depth > 0 && end < code.length());
            String literal = code.substring(at, end);
            if (!bodies.stream().anyMatch(b -> b.contains(literal))) {
                bodies.add(literal);
            }
            at = code.indexOf("{\"jsonrpc\"", end);
        }
        return bodies;
    }

    /**
     * The tools a skill names: its backticked words that are not an argument of some tool in the catalogue (so a
     * misspelt tool name is caught, and {@code `session_id`} is not taken for one).
     */
    static Set<String> skillTools(String markdown, ToolCatalogue catalogue) {
        Set<String> arguments = catalogue.all().stream().map(McpTool::inputSchema)
                .flatMap(schema -> ((Map<?, ?>) schema.getOrDefault("properties", Map.of())).keySet().stream())
                .map(Object::toString).collect(Collectors.toSet());
        Set<String> tools = new TreeSet<>();
        Matcher name = BACKTICKED_NAME.matcher(markdown);
        while (name.find()) {
            if (!arguments.contains(name.group(1)) || catalogue.named(name.group(1)).isPresent()) {
                tools.add(name.group(1));
            }
        }
        return tools;
    }

    private static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("name").asString()));
        return names;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
