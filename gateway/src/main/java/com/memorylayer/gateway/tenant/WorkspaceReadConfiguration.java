package com.memorylayer.gateway.tenant;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workspace-read pool. Not a {@link DataSource} bean: Boot would then stop configuring the main pool, which
 * admission and every write keep using.
 */
@Configuration
class WorkspaceReadConfiguration {

    @Bean(destroyMethod = "close")
    WorkspaceReadDsl workspaceReadDsl(DataSource admission, DSLContext dsl, WorkspaceReadProperties properties) {
        if (!(admission instanceof HikariDataSource hikari)) {
            throw new IllegalStateException("the gateway's workspace-read pool copies a Hikari pool; the main DataSource is "
                    + admission.getClass().getName());
        }
        return new WorkspaceReadDsl(hikari, dsl, properties);
    }
}
