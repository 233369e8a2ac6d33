package com.memorylayer.gateway.apidocs;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /openapi.json} (UI at {@code /docs}). Every operation lists the error responses
 * it can give, each with the codes that come with that status, taken from {@link ErrorCode}'s own catalogue so
 * the document and the code cannot disagree.
 */
@Configuration
class ApiDocumentation {

    static final String ERROR_SCHEMA = "ApiError";
    /** What an any-scope route's description says; the auth matrix test reads it. */
    static final String ANY_SCOPE = "Any key of the workspace, whatever its scopes, or any member.";
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Bean
    OpenApiCustomizer memorylayerDocument() {
        return openApi -> {
            openApi.info(new Info().title("Memorylayer API").version("v1").description(
                    "Remember and recall for agents, per workspace. Authenticate with a workspace API key as "
                            + "`Authorization: Bearer <key>` or `X-API-Key: <key>`, or with a signed-in session cookie "
                            + "(state-changing calls then need the XSRF-TOKEN cookie's value as `X-XSRF-TOKEN`). "
                            + "Every error is `{code, message, details}`; the codes:\n\n" + codeTable()));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSchemas(ERROR_SCHEMA, errorSchema());
            components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"));
            // What Mem0's clients send; the same key as the bearer one.
            components.addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name("Authorization").description("Authorization: Token <workspace key>"));
            components.addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name("X-API-Key"));
            components.addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.COOKIE).name("MEMORYLAYER_SESSION"));
            openApi.components(components);
        };
    }

    static {
        // The admitted caller is resolved from the request, not sent by the client: it is no parameter of the API.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(WorkspaceCaller.class);
    }

    /**
     * Declares every {@code {name}} of a path template as a path parameter. Routes take the workspace as their
     * admitted caller rather than as a {@code @PathVariable}, so springdoc would not declare {@code slug} itself.
     */
    @Bean
    OpenApiCustomizer declaredPathParameters() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                Matcher variable = PATH_VARIABLE.matcher(path);
                while (variable.find()) {
                    String name = variable.group(1);
                    boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                            .anyMatch(p -> "path".equals(p.getIn()) && name.equals(p.getName()));
                    if (!declared) {
                        operation.addParametersItem(new PathParameter().name(name).required(true)
                                .schema(new StringSchema()).description("slug".equals(name)
                                        ? "The workspace's slug; the key or the signed-in member must belong to it." : null));
                    }
                }
            }));
        };
    }

    @Bean
    OperationCustomizer documentedErrors() {
        return (operation, handler) -> {
            RequiresScope scope = handler.getMethodAnnotation(RequiresScope.class);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            List<Integer> statuses = scope != null
                    ? List.of(400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 503)
                    // Any route may meet an unreachable database (503 database_unavailable).
                    : List.of(400, 401, 404, 405, 409, 413, 415, 429, 500, 503);
            for (int status : statuses) {
                responses.addApiResponse(Integer.toString(status), errorResponse(status));
            }
            if (scope != null) {
                operation.description(join(operation.getDescription(), scope.anyScope() ? ANY_SCOPE
                        : "Needs the `" + scope.value().wireName() + "` scope"
                                + (scope.people() ? ", as a signed-in member (keys are refused)" : "") + "."));
                operation.security(List.of(new SecurityRequirement().addList("bearer"),
                        new SecurityRequirement().addList("apiKey"), new SecurityRequirement().addList("session")));
            }
            if (isGovernance(operation)) {
                responses.addApiResponse("409", errorResponse(409));
            }
            operation.responses(responses);
            return operation;
        };
    }

    private static boolean isGovernance(Operation operation) {
        String id = operation.getOperationId() == null ? "" : operation.getOperationId();
        return id.startsWith("changeRole") || id.startsWith("remove") || id.startsWith("create");
    }

    private static ApiResponse errorResponse(int status) {
        String codes = ErrorCode.withStatus(status).stream().map(c -> "`" + c.wire() + "`: " + c.meaning())
                .collect(Collectors.joining("; "));
        return new ApiResponse().description(codes.isEmpty() ? "Error" : codes)
                .content(new Content().addMediaType("application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
    }

    private static Schema<?> errorSchema() {
        StringSchema code = new StringSchema();
        Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toCollection(TreeSet::new))
                .forEach(code::addEnumItem);
        return new ObjectSchema().description("The one error shape of every route.")
                .addProperty("code", code.description("Stable and machine-readable; see the list in the description."))
                .addProperty("message", new StringSchema().description("For people; may change."))
                .addProperty("details", new ObjectSchema().description("E.g. {\"field\": \"content\"}.")
                        .additionalProperties(true))
                .required(List.of("code", "message"));
    }

    private static String codeTable() {
        StringBuilder table = new StringBuilder("| status | code | meaning |\n|---|---|---|\n");
        Arrays.stream(ErrorCode.values()).sorted(Comparator.comparingInt(ErrorCode::status))
                .forEach(c -> table.append("| ").append(c.status()).append(" | `").append(c.wire()).append("` | ")
                        .append(c.meaning()).append(" |\n"));
        return table.toString();
    }

    private static String join(String first, String second) {
        return first == null || first.isBlank() ? second : first + "\n\n" + second;
    }

}
