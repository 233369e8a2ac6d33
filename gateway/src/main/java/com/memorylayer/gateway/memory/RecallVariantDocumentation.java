package com.memorylayer.gateway.memory;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents {@code POST /recall/{variant}} from {@link RecallVariant}: the variant parameter's allowed values and a
 * table of each variant's body and answer, so the document lists exactly the variants the route accepts.
 */
@Configuration
class RecallVariantDocumentation {

    static final String PATH = "/v1/workspaces/{slug}/recall/{variant}";

    @Bean
    OpenApiCustomizer recallVariantsDocument() {
        return openApi -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(PATH);
            Operation operation = item == null ? null : item.getPost();
            if (operation == null) {
                return;
            }
            operation.summary("Recall in another shape");
            String table = "Every variant takes the usual `filters` (active and challenged memories unless they name "
                    + "statuses); an unknown field is `400 invalid_request` naming it, a missing query likewise.\n\n"
                    + "| variant | body | answer |\n|---|---|---|\n"
                    + Arrays.stream(RecallVariant.values()).map(RecallVariant::documented).collect(Collectors.joining("\n"));
            operation.description(operation.getDescription() == null || operation.getDescription().isBlank() ? table
                    : table + "\n\n" + operation.getDescription());
            if (operation.getParameters() != null) {
                operation.getParameters().stream().filter(p -> "path".equals(p.getIn()) && "variant".equals(p.getName()))
                        .forEach(p -> {
                            StringSchema schema = new StringSchema();
                            RecallVariant.WIRE.forEach(schema::addEnumItem);
                            p.schema(schema).description("Which variant; see the table.");
                        });
            }
        };
    }
}
