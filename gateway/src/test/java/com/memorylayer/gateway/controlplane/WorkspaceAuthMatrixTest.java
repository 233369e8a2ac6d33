package com.memorylayer.gateway.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.keys.ApiKeyIssuer;
import com.memorylayer.gateway.keys.IssuedApiKey;
import com.memorylayer.schemas.api.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auth matrix over every workspace route the gateway publishes: the routes are read from its own
 * {@code /openapi.json}, so a route added later is in the matrix without anyone remembering to add it.
 */
class WorkspaceAuthMatrixTest {

    @TempDir
    static Path directory;
    static GatewayHarness harness;
    static GatewayHarness.Gateway gateway;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = JsonMapper.builder().build();

    /** One published workspace route and what it needs ({@code scope} null: any key of the workspace). */
    record Route(String method, String template, Scope scope, boolean people) {
    }

    @BeforeAll
    static void start() {
        harness = new GatewayHarness(directory);
        gateway = harness.startGateway(Map.of("memorylayer.rate-limit.api-per-minute", "100000"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void everyWorkspaceRouteRefusesEveryWrongCaller() throws Exception {
        List<Route> routes = publishedWorkspaceRoutes();
        assertThat(routes).extracting(r -> r.method() + " " + r.template()).contains(
                "POST /v1/workspaces/{slug}/memories", "POST /v1/workspaces/{slug}/recall",
                "GET /v1/workspaces/{slug}/keys", "POST /v1/workspaces/{slug}/keys",
                "DELETE /v1/workspaces/{slug}/keys/{keyId}", "GET /v1/workspaces/{slug}/audit",
                "GET /v1/workspaces/{slug}/usage", "GET /v1/workspaces/{slug}/members",
                "POST /v1/workspaces/{slug}/invites", "DELETE /v1/workspaces/{slug}", "PATCH /v1/workspaces/{slug}",
                "GET /v1/workspaces/{slug}/export");

        GatewayHarness.TestWorkspace target = gateway.newWorkspace(EnumSet.allOf(Scope.class));
        GatewayHarness.TestWorkspace other = gateway.newWorkspace(EnumSet.allOf(Scope.class));
        ApiKeyIssuer issuer = gateway.context().getBean(ApiKeyIssuer.class);
        IssuedApiKey revoked = gateway.issueKey(target.workspace(), EnumSet.allOf(Scope.class), null);
        issuer.revoke(target.workspace().id(), revoked.id());
        IssuedApiKey expired = gateway.issueKey(target.workspace(), EnumSet.allOf(Scope.class),
                OffsetDateTime.now().minusSeconds(1));
        Map<Scope, String> lacking = Map.of(
                Scope.READ, gateway.issueKey(target.workspace(), Set.of(Scope.WRITE), null).token().value(),
                Scope.WRITE, gateway.issueKey(target.workspace(), Set.of(Scope.READ), null).token().value(),
                Scope.ADMIN, gateway.issueKey(target.workspace(), Set.of(Scope.READ, Scope.WRITE), null).token().value());
        WebSession stranger = harness.signIn(gateway, 9001, "not-a-member");

        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            String path = route.template().replace("{slug}", target.slug()).replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
            expect(failures, route, "no key", call(route, path, Map.of()), 401, ErrorCode.MISSING_API_KEY);
            expect(failures, route, "malformed key", call(route, path, Map.of("Authorization", "Bearer not-a-key")), 401, ErrorCode.INVALID_API_KEY);
            expect(failures, route, "revoked key", call(route, path, Map.of("X-API-Key", revoked.token().value())), 401, ErrorCode.INVALID_API_KEY);
            expect(failures, route, "expired key", call(route, path, Map.of("X-API-Key", expired.token().value())), 401, ErrorCode.INVALID_API_KEY);
            // A route any key may call (scope null) has no wrong scope.
            if (route.people() || route.scope() != null) {
                String wrongScope = route.people() ? target.token() : lacking.get(route.scope());
                expect(failures, route, "wrong scope", call(route, path, Map.of("Authorization", "Bearer " + wrongScope)), 403, ErrorCode.INSUFFICIENT_SCOPE);
            }
            expect(failures, route, "other workspace's key", call(route, path, Map.of("X-API-Key", other.token())), 404, ErrorCode.WORKSPACE_NOT_FOUND);
            HttpResponse<String> asStranger = stranger.json(route.method(), path, body(route));
            expect(failures, route, "signed-in non-member", asStranger, 404, ErrorCode.WORKSPACE_NOT_FOUND);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theDocumentListsEveryErrorCode() throws Exception {
        String document = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(document).as(code.wire()).contains("`" + code.wire() + "`");
        }
        HttpResponse<String> docs = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(gateway.url() + "/docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).containsIgnoringCase("swagger");
    }

    @Test
    void theRecallVariantRouteDocumentsEachVariantItAccepts() throws Exception {
        JsonNode document = json.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode operation = document.path("paths").path("/v1/workspaces/{slug}/recall/{variant}").path("post");
        List<String> allowed = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asString().equals("variant")) {
                parameter.path("schema").path("enum").forEach(v -> allowed.add(v.asString()));
            }
        }
        List<String> variants = List.of("context", "recent", "timeline", "similar", "hints", "compare", "brief", "layers",
                "skills", "explain");
        assertThat(allowed).containsExactlyInAnyOrderElementsOf(variants);
        String description = operation.path("description").asString();
        variants.forEach(v -> assertThat(description).contains("| `" + v + "` |"));
        assertThat(description).contains("Needs the `read` scope");
    }

    @Test
    void everyRouteThatTakesACallerIsAdmittedAndEveryAdmittedRouteNamesItsWorkspace() {
        var handlers = gateway.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods();
        List<String> wrong = new ArrayList<>();
        handlers.forEach((mapping, method) -> {
            boolean takesCaller = Arrays.stream(method.getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == WorkspaceCaller.class);
            boolean admitted = method.hasMethodAnnotation(RequiresScope.class);
            boolean namesWorkspace = mapping.getPatternValues().stream().allMatch(p -> p.contains("{slug}"));
            if (takesCaller && !admitted) {
                wrong.add(method + " takes a WorkspaceCaller without @RequiresScope");
            }
            if (admitted && !namesWorkspace) {
                wrong.add(method + " is @RequiresScope on a path without {slug}: " + mapping.getPatternValues());
            }
            // The other way round: a workspace route without the annotation would run for anyone.
            if (!admitted && mapping.getPatternValues().stream().anyMatch(p -> p.startsWith("/v1/workspaces/{slug}"))) {
                wrong.add(method + " serves a workspace route without @RequiresScope");
            }
        });
        assertThat(handlers).isNotEmpty();
        assertThat(wrong).isEmpty();
    }

    @Test
    void theDocumentDeclaresEveryPathVariableAndNoInternalParameter() throws Exception {
        JsonNode document = json.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> wrong = new ArrayList<>();
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                List<String> declared = new ArrayList<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if (parameter.path("in").asString().equals("path")) {
                        declared.add(parameter.path("name").asString());
                    }
                    if (parameter.path("name").asString().equals("caller")) {
                        wrong.add(operation.getKey() + " " + path.getKey() + " documents the internal caller parameter");
                    }
                }
                java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path.getKey());
                while (variable.find()) {
                    if (!declared.contains(variable.group(1))) {
                        wrong.add(operation.getKey() + " " + path.getKey() + " does not declare {" + variable.group(1) + "}");
                    }
                }
            }
        }
        assertThat(document.path("components").path("schemas").has("WorkspaceCaller")).isFalse();
        assertThat(wrong).isEmpty();
    }

    private static List<Route> publishedWorkspaceRoutes() throws Exception {
        JsonNode document = json.readTree(http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<Route> routes = new ArrayList<>();
        for (var path : document.get("paths").properties()) {
            if (!path.getKey().startsWith("/v1/workspaces/{slug}")) {
                continue;
            }
            for (var operation : path.getValue().properties()) {
                String description = operation.getValue().path("description").asString("");
                Scope scope = null;
                for (Scope candidate : Scope.values()) {
                    if (description.contains("Needs the `" + candidate.wireName() + "` scope")) {
                        scope = candidate;
                    }
                }
                boolean anyScope = description.contains("Any key of the workspace, whatever its scopes");
                assertThat(scope != null || anyScope).as("%s %s documents the scope it needs", operation.getKey(), path.getKey()).isTrue();
                routes.add(new Route(operation.getKey().toUpperCase(), path.getKey(), scope,
                        description.contains("as a signed-in member")));
            }
        }
        return routes;
    }

    private static String body(Route route) {
        return route.method().equals("POST") || route.method().equals("PATCH") ? "{}" : null;
    }

    private static HttpResponse<String> call(Route route, String path, Map<String, String> headers) throws Exception {
        String body = body(route);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(List<String> failures, Route route, String caller, HttpResponse<String> answer, int status,
            ErrorCode code) {
        if (answer.statusCode() != status || !answer.body().contains("\"code\":\"" + code.wire() + "\"")) {
            failures.add(route.method() + " " + route.template() + " as " + caller + ": expected " + status + " " + code
                    + ", got " + answer.statusCode() + " " + answer.body());
        }
    }

    @Test
    void aWorkspaceRouteLeftUnmarkedAdmitsNoOne() throws Exception {
        GatewayHarness.Gateway withForgotten = harness.startGateway(Map.of(), null, com.memorylayer.unscoped.UnmarkedWorkspaceRoute.class);
        GatewayHarness.TestWorkspace workspace = withForgotten.newWorkspace(EnumSet.allOf(Scope.class));
        for (String key : List.of(workspace.token(), "")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create(withForgotten.url() + "/v1/workspaces/" + workspace.slug() + "/forgotten"));
            if (!key.isEmpty()) {
                request.header("X-API-Key", key);
            }
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("everyone's memories");
        }
    }
}
