package com.memorylayer.bench.tenants;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.bench.scale.HaystackLoader;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Makes workspaces fast, for {@code bench tenants} only: thousands through Flyway would take most of an hour here.
 * Each workspace's schema is made by running the shipped workspace migration scripts (the very files Flyway reads,
 * {@code db/workspace/V*.sql}, named by a real migrated schema's history) in one transaction with
 * {@code search_path} set to the new schema, then its {@code flyway_schema_history} is a copy of that real schema's,
 * so Flyway finds it at the current version; then {@link HaystackLoader} writes its memories; then its
 * {@code control.workspaces} row goes in, last, as the provisioner's does.
 *
 * <p>What it bypasses: Flyway itself (its classpath scan, validation, advisory lock, one transaction per script
 * and the history rows it writes, whose {@code installed_on} and {@code execution_time} here are the reference
 * schema's), the provisioner's slug check and its two-at-a-time semaphore, and no owner or member rows are made
 * (every workspace is an operator's, its own owner to the query service). The schemas it makes are the same
 * objects Flyway makes, from the same SQL.
 */
final class FastWorkspaceFiller {

    private final DataSource dataSource;
    private final DSLContext dsl;
    private final HaystackLoader loader;
    private final String reference;
    private final String migrationSql;

    /** @param reference a workspace schema migrated by Flyway, whose history names the scripts and is copied */
    FastWorkspaceFiller(DataSource dataSource, DSLContext dsl, HaystackLoader loader, WorkspaceSchemaName reference) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.loader = loader;
        this.reference = reference.value();
        StringBuilder sql = new StringBuilder();
        for (String script : dsl.resultQuery("select script from " + reference.value() + ".flyway_schema_history"
                + " where type = 'SQL' and success order by installed_rank").fetch().getValues(0, String.class)) {
            sql.append(read("db/workspace/" + script)).append(";\n");
        }
        this.migrationSql = sql.toString();
    }

    /** Makes the workspace {@code slug} with {@code memories} memories. */
    Workspace create(String slug, int memories, long seed) throws Exception {
        UUID id = UUID.randomUUID();
        WorkspaceSchemaName schema = WorkspaceSchemaName.of(id);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // Schema names come from WorkspaceSchemaName: ws_ and hex digits only.
                statement.execute("create schema " + schema.value());
                statement.execute("set local search_path to " + schema.value());
                statement.execute(migrationSql);
                statement.execute("create table " + schema.value() + ".flyway_schema_history (like " + reference
                        + ".flyway_schema_history including all)");
                statement.execute("insert into " + schema.value() + ".flyway_schema_history (installed_rank, version,"
                        + " description, type, script, checksum, installed_by, installed_on, execution_time, success)"
                        + " select installed_rank, version, description, type, case when type = 'SCHEMA' then '\""
                        + schema.value() + "\"' else script end, checksum, installed_by, installed_on, execution_time,"
                        + " success from " + reference + ".flyway_schema_history");
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        loader.load(dsl, schema, memories, seed);
        dsl.insertInto(WORKSPACES).set(WORKSPACES.ID, id).set(WORKSPACES.SLUG, slug).set(WORKSPACES.NAME, slug)
                .set(WORKSPACES.SCHEMA_NAME, schema.value()).execute();
        return new Workspace(id, slug, slug, schema);
    }

    private static String read(String resource) {
        try (InputStream in = FastWorkspaceFiller.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script not on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
