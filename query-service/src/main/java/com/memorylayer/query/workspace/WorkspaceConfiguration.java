package com.memorylayer.query.workspace;

import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.db.WorkspaceDsl;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkspaceConfiguration {

    /** One schema mapping for the whole service: runtimes, recall and consistency waits share its cache. */
    @Bean
    WorkspaceDsl workspaceDsl(DSLContext dsl) {
        return new WorkspaceDsl(dsl);
    }

    @Bean
    ExistingWorkspaces existingWorkspaces(DSLContext dsl) {
        return new ExistingWorkspaces(dsl);
    }
}
