package com.memorylayer.ingest.graph;

import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.entities.EntityExtractor;
import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.db.PostgresServers;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.db.WorkspaceWriteLock;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code admin rebuild-graph <slug>}: the operator's command that derives a workspace's entity graph again from its
 * memories, straight in Postgres, without a running worker. It lives here because the worker is the graph's only
 * writer; it takes the workspace's write lock, as every worker transaction does, so no command is applied
 * meanwhile. Aliases and types people set are kept; entity ids do not change. Prints machine-readable
 * {@code MEMORYLAYER_*=} lines on stdout and errors on stderr.
 */
public final class RebuildGraphCommand {

    public static final String NAME = "rebuild-graph";

    public static final String USAGE = "usage: admin rebuild-graph <slug>";

    private final DataSource dataSource;
    private final DSLContext dsl;

    public RebuildGraphCommand(DataSource dataSource) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** From the same environment variables the worker reads: MEMORYLAYER_DB_URL, _USER and _PASSWORD. */
    public static RebuildGraphCommand fromEnvironment() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(env("MEMORYLAYER_DB_URL", "jdbc:postgresql://localhost:5432/memorylayer"));
        dataSource.setUser(env("MEMORYLAYER_DB_USER", "memorylayer"));
        dataSource.setPassword(env("MEMORYLAYER_DB_PASSWORD", ""));
        return new RebuildGraphCommand(dataSource);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Runs {@code rebuild-graph <slug>} (the arguments after {@code admin}); returns the process exit status
     * (0 done, 1 refused or failed, 2 usage).
     */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals(NAME)) {
            err.println(USAGE);
            return 2;
        }
        String slug = args.get(1);
        try {
            Migrations.migrateControlPlane(dataSource);
            Record3<UUID, String, String> workspace = dsl.select(WORKSPACES.ID, WORKSPACES.SCHEMA_NAME, WORKSPACES.POSTGRES_SERVER)
                    .from(WORKSPACES).where(WORKSPACES.SLUG.eq(slug)).fetchOne();
            if (workspace == null) {
                err.println("memorylayer admin: no workspace '" + slug + "'");
                return 1;
            }
            if (!PostgresServers.PRIMARY.equals(workspace.value3())) {
                // The tool reaches the primary server only (MEMORYLAYER_DB_*); it has no settings for the others.
                err.println("memorylayer admin: workspace '" + slug + "' lives on Postgres server '" + workspace.value3()
                        + "'; rebuild-graph reaches the primary server only");
                return 1;
            }
            int memories = rebuild(workspace.value1(), new WorkspaceSchemaName(workspace.value2()));
            out.println("MEMORYLAYER_GRAPH_REBUILT=" + slug);
            out.println("MEMORYLAYER_GRAPH_MEMORIES=" + memories);
            return 0;
        } catch (RuntimeException e) {
            // An operator's tool answers with a line, not a stack trace; the cause's message says enough.
            err.println("memorylayer admin: failed: " + e.getMessage());
            return 1;
        }
    }

    /** Returns how many memories fed the graph. */
    private int rebuild(UUID workspaceId, WorkspaceSchemaName schema) {
        // With the platform stopped, a workspace made by an older build lacks the newer tables: the gateway migrates
        // every schema only when it starts.
        Migrations.migrateWorkspace(dataSource, schema);
        GraphIndexer graph = new GraphIndexer(EntityExtractor.english());
        return new WorkspaceDsl(dsl).in(schema).transactionResult(c -> {
            WorkspaceWriteLock.lock(c.dsl(), workspaceId);
            return graph.rebuild(c.dsl());
        });
    }
}
