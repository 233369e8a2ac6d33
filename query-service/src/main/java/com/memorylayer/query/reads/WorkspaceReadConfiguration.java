package com.memorylayer.query.reads;

import com.memorylayer.schemas.db.ExistingWorkspaces;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workspace-read pool. Not a {@link DataSource} bean: Boot would then stop configuring the main pool, which
 * recall and consistency waits keep using.
 */
@Configuration
class WorkspaceReadConfiguration {

    @Bean(destroyMethod = "close")
    WorkspaceReadPool workspaceReadPool(DataSource main, DSLContext dsl, WorkspaceReadProperties properties,
            ExistingWorkspaces catalog) {
        if (!(main instanceof HikariDataSource hikari)) {
            throw new IllegalStateException("the query service's workspace-read pool copies a Hikari pool; the main DataSource is "
                    + main.getClass().getName());
        }
        return new WorkspaceReadPool(hikari, dsl, properties, catalog);
    }
}
