package com.memorylayer.schemas.db;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Runs the SQL migrations that ship in this module: the control plane into schema {@value #CONTROL_SCHEMA}, and
 * the workspace migrations into one workspace's own schema. Flyway takes a Postgres advisory lock, so services
 * that start at the same time and migrate the same schema wait for each other instead of racing.
 */
public final class Migrations {

    public static final String CONTROL_SCHEMA = "control";

    /**
     * The version of the newest workspace migration ({@code db/workspace/V<n>__*.sql}) this build carries, recorded in
     * {@code control.workspaces.schema_version} for each schema brought to it; {@code MigrationVersionTest} keeps it
     * equal to the newest file.
     */
    public static final String WORKSPACE_VERSION = "8";

    private Migrations() {
    }

    public static void migrateControlPlane(DataSource dataSource) {
        configure(dataSource, CONTROL_SCHEMA, "classpath:db/control").load().migrate();
    }

    public static void migrateWorkspace(DataSource dataSource, WorkspaceSchemaName schema) {
        migrateWorkspaceSchema(dataSource, schema.value());
    }

    /** Also used for {@link WorkspaceSchemaName#TEMPLATE}, the schema jOOQ's classes are generated from. */
    public static void migrateWorkspaceSchema(DataSource dataSource, String schema) {
        workspaceFlyway(dataSource, schema, List.of()).migrate();
    }

    /**
     * The Flyway of one workspace schema: the shipped workspace migrations and {@code extraLocations} beside them
     * (a benchmark's probe migration, say). For {@link WorkspaceSchemaUpgrade}, which wants Flyway's result.
     */
    static Flyway workspaceFlyway(DataSource dataSource, String schema, List<String> extraLocations) {
        List<String> locations = new ArrayList<>();
        locations.add("classpath:db/workspace");
        locations.addAll(extraLocations);
        return configure(dataSource, schema, locations.toArray(String[]::new)).load();
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration configure(DataSource dataSource,
            String schema, String... location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .failOnMissingLocations(true);
    }
}
