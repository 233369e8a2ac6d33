package com.memorylayer.query.workspace;

import com.memorylayer.schemas.db.ExistingWorkspaces;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkspaceConfiguration {

    @Bean
    ExistingWorkspaces existingWorkspaces(DSLContext dsl) {
        return new ExistingWorkspaces(dsl);
    }
}
