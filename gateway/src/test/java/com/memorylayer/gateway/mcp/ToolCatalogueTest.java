package com.memorylayer.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.AuditFilter;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.web.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way every tool is called: scope, then the arguments against the input schema (a refusal names the field,
 * never the value), then the call, then its result against the output schema (a mismatch is the gateway's fault,
 * said with a code, never passed on).
 */
class ToolCatalogueTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID WORKSPACE = UUID.randomUUID();

    /** A tool that answers whatever its {@code answer} argument says, under a schema that wants a list of results. */
    private static final McpToolSet ECHO = new McpToolSet() {
        @Override
        public String group() {
            return "test";
        }

        @Override
        public List<McpTool> tools() {
            return List.of(new McpTool("echo", "Answers its argument.",
                    ToolSchemas.object(Map.of("answer", ToolSchemas.anyObject("what to answer"),
                            "top_k", ToolSchemas.integer("how many", 1, 100, 10)), "answer"),
                    Scope.WRITE, false, false, true, (caller, arguments) -> JSON.convertValue(arguments.get("answer"), Map.class))
                    .withOutput(ToolSchemas.output(Map.of("results", ToolSchemas.array("the results")), "results")));
        }
    };

    private final ToolCatalogue catalogue = new ToolCatalogue(List.of(ECHO));

    private static WorkspaceCaller caller(Set<Scope> scopes) {
        return new WorkspaceCaller(new Workspace(WORKSPACE, "test", "Test", WorkspaceSchemaName.of(WORKSPACE)), UUID.randomUUID(),
                null, null, scopes);
    }

    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/workspaces/test/mcp");

    private Map<String, Object> call(Set<Scope> scopes, String arguments) {
        return catalogue.invoke(catalogue.named("echo").orElseThrow(), caller(scopes), (ObjectNode) JSON.readTree(arguments), request);
    }

    @Test
    void aResultThatFitsItsSchemaIsAnsweredAndTheRequestsAuditRowNamesTheTool() {
        assertThat(call(Set.of(Scope.WRITE), "{\"answer\": {\"results\": [1, 2]}}")).containsEntry("results", List.of(1, 2));
        assertThat(request.getAttribute(AuditFilter.TOOL)).isEqualTo("echo");
    }

    @Test
    void aResultOutsideItsSchemaIsAnInternalErrorNotPassedOn() {
        assertThatThrownBy(() -> call(Set.of(Scope.WRITE), "{\"answer\": {\"results\": \"not a list\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).contains("echo").doesNotContain("not a list");
                });
    }

    @Test
    void theScopeIsCheckedFirstAndAWrongArgumentIsNamedNotEchoed() {
        assertThatThrownBy(() -> call(Set.of(Scope.READ), "{\"answer\": {\"results\": []}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_SCOPE));
        assertThatThrownBy(() -> call(Set.of(Scope.WRITE), "{\"answer\": {\"results\": []}, \"top_k\": 987654}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.details()).containsEntry("field", "top_k");
                    assertThat(e.getMessage()).doesNotContain("987654");
                });
    }
}
