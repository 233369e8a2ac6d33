package com.memorylayer.schemas.db;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Postgres servers and workspace placements of a service that touches workspace schemas, imported by the
 * gateway, the ingest worker and the query service so all three resolve a placement the same way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PostgresServerSettings.class)
public class WorkspacePlacementConfiguration {

    @Bean(destroyMethod = "close")
    PostgresServers postgresServers(DataSource dataSource, DSLContext dsl, PostgresServerSettings settings) {
        return PostgresServers.open(dataSource, dsl, settings);
    }

    @Bean
    WorkspacePlacements workspacePlacements(DSLContext dsl) {
        return new WorkspacePlacements(dsl);
    }

    /** One schema mapping for the whole service: every reader and writer shares its cache. */
    @Bean
    WorkspaceDsl workspaceDsl(PostgresServers servers, WorkspacePlacements placements) {
        return new WorkspaceDsl(servers, placements);
    }
}
