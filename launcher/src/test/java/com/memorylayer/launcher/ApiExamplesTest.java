package com.memorylayer.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.launcher.ApiClient.Response;
import com.memorylayer.launcher.TestPlatform.TestWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request/response pairs in {@code examples/api/}, run in file-name order against one fresh workspace of the
 * whole platform: each live answer must have the documented status and the documented body's shape (every documented
 * key present with the same JSON type, arrays non-empty where the documented one is, their first elements alike).
 * Values are not compared. So the examples a reader copies are proven, not static fixtures.
 */
class ApiExamplesTest {

    /** Surefire runs in the module's directory; the examples live at the repository's root. */
    static final Path FOLDER = Path.of("..", "examples", "api");
    static final Set<String> FAMILIES = Set.of("readiness", "memories", "recall", "curation", "entities", "sessions", "ingest",
            "workspace", "keys", "audit", "usage", "export", "bridge", "mcp", "errors", "connect", "starter");
    /** A clear API key as {@code ApiKeyToken} issues it: {@code mlk_<12 hex>_<43 base64url>}. */
    static final Pattern KEY = Pattern.compile("mlk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    /** Audit and usage are materialised by the audit-sink from the event log; there is no token to wait on. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final Path LIVE = Path.of("target", "api-examples");

    record Example(String file, JsonNode json) {
        String name() {
            return json.path("name").asString();
        }

        JsonNode request() {
            return json.path("request");
        }

        JsonNode response() {
            return json.path("response");
        }
    }

    static List<Example> examples() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
                    .map(p -> new Example(p.getFileName().toString(), ApiClient.JSON.readTree(read(p)))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- the files themselves, no platform needed

    @Test
    void theExamplesAreWellFormedCoverEveryFamilyAndHoldNoKey() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).as("examples in " + FOLDER.toAbsolutePath().normalize()).hasSizeGreaterThanOrEqualTo(17);
        Set<String> names = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        for (Example example : examples) {
            String where = example.file();
            assertThat(where).as("file names carry an order prefix").matches("\\d{2}-[a-z0-9-]+\\.json");
            assertThat(where).as(where + ": the file is named after the example").endsWith("-" + example.name() + ".json");
            assertThat(names.add(example.name())).as(where + ": example names are unique").isTrue();
            for (String field : List.of("name", "title", "family", "description")) {
                assertThat(example.json().path(field).isString() && !example.json().path(field).asString().isBlank())
                        .as(where + ": '" + field + "' is a non-empty string").isTrue();
            }
            families.add(example.json().path("family").asString());
            assertThat(example.request().path("method").asString()).as(where).isIn("GET", "POST", "PATCH", "DELETE", "PUT");
            assertThat(example.request().path("path").asString()).as(where).startsWith("/v1/");
            assertThat(example.response().path("status").isInt()).as(where + ": response.status").isTrue();
            JsonNode body = example.response().get("body");
            assertThat(body != null && (body.isObject() || body.isArray()))
                    .as(where + ": response.body is the documented JSON answer").isTrue();
            assertThat(body.isEmpty()).as(where + ": response.body is a real answer, not an empty one").isFalse();
            if (example.response().has("content_type")) {
                assertThat(example.response().path("content_type").asString()).as(where).isEqualTo("application/x-ndjson");
                assertThat(body.isArray()).as(where + ": JSON lines are documented as an array of lines").isTrue();
            }
            example.request().path("headers").properties().forEach(header -> {
                if (header.getKey().equalsIgnoreCase("Authorization")) {
                    assertThat(header.getValue().asString()).as(where + ": only the placeholder key").isEqualTo("Bearer {api_key}");
                }
                if (header.getKey().equalsIgnoreCase("X-API-Key")) {
                    assertThat(header.getValue().asString()).as(where + ": only the placeholder key").isEqualTo("{api_key}");
                }
            });
            Matcher key = KEY.matcher(Files.readString(FOLDER.resolve(where), StandardCharsets.UTF_8));
            assertThat(key.find()).as(where + " holds what looks like a real API key"
                    + (key.find(0) ? ": " + key.group().substring(0, 16) + "…" : "")).isFalse();
        }
        assertThat(families).as("the route families the examples cover").containsAll(FAMILIES);
    }

    // ---------------------------------------------------------------- the shape checker

    @Test
    void theShapeCheckerReportsThePathOfTheFirstMismatch() {
        JsonNode documented = ApiClient.JSON.readTree("""
                {"results": [{"id": "a", "score": 0.5, "tags": ["x"], "explanation": {"dense_rank": 1}}], "next": null,
                 "total": 2}""");
        JsonNode same = ApiClient.JSON.readTree("""
                {"results": [{"id": "b", "score": 1, "tags": ["y", "z"], "explanation": {"dense_rank": 3, "extra": true}},
                 {"id": 7}], "next": "c", "total": 5, "more": []}""");
        assertThat(mismatch(documented, same)).as("values and extra keys are not compared; 1 is a number like 0.5").isEmpty();

        JsonNode wrongType = ApiClient.JSON.readTree("""
                {"results": [{"id": "b", "score": "high", "tags": ["y"], "explanation": {"dense_rank": 3}}], "next": null,
                 "total": 2}""");
        assertThat(mismatch(documented, wrongType)).hasValueSatisfying(m ->
                assertThat(m).contains("$.results[0].score").contains("number").contains("string"));

        JsonNode missingKey = ApiClient.JSON.readTree("""
                {"results": [{"id": "b", "score": 1, "tags": ["y"], "explanation": {}}], "next": null, "total": 2}""");
        assertThat(mismatch(documented, missingKey)).hasValueSatisfying(m ->
                assertThat(m).contains("$.results[0].explanation.dense_rank").contains("missing"));

        JsonNode emptyArray = ApiClient.JSON.readTree("""
                {"results": [], "next": null, "total": 2}""");
        assertThat(mismatch(documented, emptyArray)).hasValueSatisfying(m -> assertThat(m).contains("$.results").contains("empty"));

        JsonNode nullWhereDocumentedNull = ApiClient.JSON.readTree("""
                {"results": [{"id": "b", "score": 1, "tags": ["y"], "explanation": {"dense_rank": 3}}], "total": 2}""");
        assertThat(mismatch(documented, nullWhereDocumentedNull)).as("a documented null matches anything, but the key is there")
                .hasValueSatisfying(m -> assertThat(m).contains("$.next").contains("missing"));
        JsonNode firstTagWrong = ApiClient.JSON.readTree("""
                {"results": [{"id": "b", "score": 1, "tags": [3], "explanation": {"dense_rank": 3}}], "next": 1, "total": 2}""");
        assertThat(mismatch(documented, firstTagWrong)).hasValueSatisfying(m -> assertThat(m).contains("$.results[0].tags[0]"));
    }

    /** The first place {@code live} lacks the documented shape, as {@code $.a[0].b: ...}; empty when it has it. */
    static Optional<String> mismatch(JsonNode documented, JsonNode live) {
        return mismatch(documented, live, "$");
    }

    private static Optional<String> mismatch(JsonNode documented, JsonNode live, String path) {
        if (live == null || live.isMissingNode()) {
            return Optional.of(path + ": documented " + type(documented) + ", missing from the live answer");
        }
        if (documented.isNull()) {
            return Optional.empty();
        }
        if (!type(documented).equals(type(live))) {
            return Optional.of(path + ": documented " + type(documented) + ", live " + type(live) + " (" + abbreviate(live) + ")");
        }
        if (documented.isObject()) {
            for (Map.Entry<String, JsonNode> field : documented.properties()) {
                Optional<String> inner = mismatch(field.getValue(), live.get(field.getKey()), path + "." + field.getKey());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        } else if (documented.isArray() && !documented.isEmpty()) {
            if (live.isEmpty()) {
                return Optional.of(path + ": documented a non-empty array, live empty");
            }
            return mismatch(documented.get(0), live.get(0), path + "[0]");
        }
        return Optional.empty();
    }

    private static String type(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isNull() ? "null" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(JsonNode node) {
        return abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    // ---------------------------------------------------------------- against the whole platform

    @Test
    void everyExampleAnswersLiveWithItsDocumentedShape() throws IOException {
        TestWorkspace ws = TestPlatform.newWorkspace(Set.of(Scope.READ, Scope.WRITE, Scope.ADMIN));
        ApiClient client = new ApiClient(TestPlatform.get().gatewayUrl(), ws.slug(), ws.key());
        Map<String, String> values = new HashMap<>();
        values.put("slug", ws.slug());
        values.put("api_key", ws.key());
        Files.createDirectories(LIVE);
        List<String> failures = new ArrayList<>();
        for (Example example : examples()) {
            String where = example.file() + " (" + example.name() + ")";
            try {
                Response response = run(client, example, values);
                JsonNode live = liveBody(example, response);
                record(example, response, live);
                Optional<String> problem = check(example, response, live);
                long deadline = System.nanoTime() + EVENTUALLY.toNanos();
                while (problem.isPresent() && example.json().path("eventually").asBoolean(false) && System.nanoTime() < deadline) {
                    pause();
                    response = run(client, example, values);
                    live = liveBody(example, response);
                    record(example, response, live);
                    problem = check(example, response, live);
                }
                if (problem.isPresent()) {
                    failures.add(where + ": " + problem.get());
                    continue;
                }
                for (Map.Entry<String, JsonNode> capture : example.json().path("captures").properties()) {
                    JsonNode value = at(live, capture.getValue().asString());
                    if (value.isMissingNode() || value.isNull() || value.isContainer()) {
                        failures.add(where + ": capture '" + capture.getKey() + "' found nothing at " + capture.getValue().asString());
                    } else {
                        values.put(capture.getKey(), value.asString());
                    }
                }
            } catch (RuntimeException e) {
                failures.add(where + ": " + e);
            }
        }
        assertThat(failures).as("examples whose live answer differs from the documented one (live answers in "
                + LIVE.toAbsolutePath().normalize() + ")").isEmpty();
    }

    private static Optional<String> check(Example example, Response response, JsonNode live) {
        int status = example.response().path("status").asInt();
        if (response.status() != status) {
            return Optional.of("documented status " + status + ", live " + response.status() + ": " + abbreviate(response.raw()));
        }
        if (example.response().has("content_type")) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!contentType.startsWith(example.response().path("content_type").asString())) {
                return Optional.of("documented Content-Type " + example.response().path("content_type").asString() + ", live "
                        + contentType);
            }
        }
        if (live == null) {
            return Optional.of("the live body is not JSON: " + abbreviate(response.raw()));
        }
        return mismatch(example.response().path("body"), live);
    }

    private static Response run(ApiClient client, Example example, Map<String, String> values) {
        JsonNode request = example.request();
        String path = substitute(request.path("path").asString(), values);
        Map<String, String> headers = new LinkedHashMap<>();
        request.path("headers").properties().forEach(h -> headers.put(h.getKey(), substitute(h.getValue().asString(), values)));
        headers.values().forEach(ApiExamplesTest::requireResolved);
        JsonNode body = request.get("body");
        String sent = body == null ? null : ApiClient.JSON.writeValueAsString(substituteAll(body, values));
        return client.send(requireResolved(path), request.path("method").asString(), sent, null, headers);
    }

    /** The live answer as the documented body reads it: JSON lines as an array of lines. */
    private static JsonNode liveBody(Example example, Response response) {
        if (!example.response().has("content_type")) {
            return response.body();
        }
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        response.raw().lines().filter(line -> !line.isBlank()).forEach(line -> lines.add(ApiClient.JSON.readTree(line)));
        return lines;
    }

    private static String requireResolved(String text) {
        Matcher left = PLACEHOLDER.matcher(text);
        if (left.find()) {
            throw new IllegalStateException("no value for the placeholder " + left.group() + " (captured by no earlier example)");
        }
        return text;
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode substituteAll(JsonNode node, Map<String, String> values) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(substitute(node.asString(), values));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), substituteAll(field.getValue(), values)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(substituteAll(element, values)));
            return copy;
        }
        return node;
    }

    /** A dotted path into a body, array indexes as numbers: {@code results.0.id}. */
    static JsonNode at(JsonNode body, String dotted) {
        JsonNode node = body;
        for (String step : dotted.split("\\.")) {
            if (node == null) {
                return JsonNodeFactory.instance.missingNode();
            }
            node = node.isArray() && step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    /** The live answer beside the example, to read or to paste from: {@code target/api-examples/<file>}. */
    private static void record(Example example, Response response, JsonNode live) throws IOException {
        ObjectNode seen = JsonNodeFactory.instance.objectNode();
        seen.put("status", response.status());
        if (live != null) {
            seen.set("body", live);
        } else {
            seen.put("raw", response.raw());
        }
        Files.writeString(LIVE.resolve(example.file()), ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(seen));
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
