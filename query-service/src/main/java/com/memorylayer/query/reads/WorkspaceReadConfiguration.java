package com.memorylayer.query.reads;

import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.memorylayer.schemas.db.PostgresServers;
import com.memorylayer.schemas.db.WorkspacePlacements;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workspace-read pools. Not {@link DataSource} beans: Boot would then stop configuring the main pool, which
 * recall and consistency waits keep using.
 */
@Configuration
class WorkspaceReadConfiguration {

    @Bean(destroyMethod = "close")
    WorkspaceReadPool workspaceReadPool(PostgresServers servers, WorkspacePlacements placements, DSLContext dsl,
            WorkspaceReadProperties properties, ExistingWorkspaces catalog) {
        return new WorkspaceReadPool(servers, placements, dsl, properties, catalog);
    }
}
