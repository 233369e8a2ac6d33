package com.memorylayer.gateway.seedapi;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every alias is deprecated in the OpenAPI document, its description naming the route that replaces it. */
@Configuration
class SeedApiDocumentation {

    @Bean
    OperationCustomizer seedAliasesDeprecated() {
        return (operation, handler) -> {
            SeedAlias alias = handler.getMethodAnnotation(SeedAlias.class);
            if (alias != null) {
                operation.deprecated(true);
                String note = "Deprecated alias of the seed service's route, answering in its shapes; use `"
                        + alias.successor() + "` instead.";
                operation.description(operation.getDescription() == null ? note : note + " " + operation.getDescription());
            }
            return operation;
        };
    }
}
