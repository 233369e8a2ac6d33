package com.memorylayer.gateway.tenant;

import com.memorylayer.schemas.db.WorkspaceDsl;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One cache of per-workspace jOOQ contexts for the whole gateway, so deleting a workspace can forget its entry. */
@Configuration
class WorkspaceDslConfiguration {

    @Bean
    WorkspaceDsl workspaceDsl(DSLContext dsl) {
        return new WorkspaceDsl(dsl);
    }
}
