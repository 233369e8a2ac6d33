package com.memorylayer.schemas.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings many workspace schemas to the current migration, several at a time. Resumable by construction: Flyway
 * records each schema's version in that schema's own history table, so a run that died half way is simply run
 * again and the schemas it finished are only checked. One schema's failure is reported and the others go on; on
 * Postgres a failed migration rolls back whole, so the failed schema stays at its old version until it is fixed
 * and the upgrade rerun.
 *
 * <p>Each schema comes with its own {@link DataSource}: a workspace may live on another Postgres server than the
 * control plane. Flyway holds two connections of that source while it migrates, so {@code parallelism} threads want
 * twice as many connections from each pool they touch.
 */
public final class WorkspaceSchemaUpgrade {

    /** One workspace schema and the Postgres it lives on. */
    public record Target(WorkspaceSchemaName schema, DataSource dataSource) {
    }

    /** A schema whose migration failed, and Flyway's or Postgres' message. */
    public record Failure(WorkspaceSchemaName schema, String message) {
    }

    /** What one run did to each schema it was given, in the order given. */
    public record Summary(List<WorkspaceSchemaName> migrated, List<WorkspaceSchemaName> alreadyCurrent,
            List<Failure> failed) {

        public Summary {
            migrated = List.copyOf(migrated);
            alreadyCurrent = List.copyOf(alreadyCurrent);
            failed = List.copyOf(failed);
        }
    }

    private final int parallelism;
    private final List<String> extraLocations;

    /** @param parallelism schemas migrated at once, at least 1 */
    public WorkspaceSchemaUpgrade(int parallelism) {
        this(parallelism, List.of());
    }

    /**
     * @param extraLocations Flyway locations read beside the shipped workspace migrations, e.g.
     *                       {@code classpath:bench/tenants-migration} for a benchmark's probe migration
     */
    public WorkspaceSchemaUpgrade(int parallelism, List<String> extraLocations) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        this.extraLocations = List.copyOf(extraLocations);
    }

    public Summary upgrade(List<Target> targets) {
        List<Future<Outcome>> outcomes = new ArrayList<>(targets.size());
        try (ExecutorService workers = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform()
                .name("workspace-upgrade-", 0).daemon().factory())) {
            for (Target target : targets) {
                outcomes.add(workers.submit(() -> migrate(target)));
            }
        }
        List<WorkspaceSchemaName> migrated = new ArrayList<>();
        List<WorkspaceSchemaName> current = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = result(outcomes.get(i), targets.get(i).schema());
            switch (outcome.kind()) {
                case MIGRATED -> migrated.add(outcome.schema());
                case CURRENT -> current.add(outcome.schema());
                case FAILED -> failed.add(new Failure(outcome.schema(), outcome.message()));
            }
        }
        return new Summary(migrated, current, failed);
    }

    private enum Kind { MIGRATED, CURRENT, FAILED }

    private record Outcome(WorkspaceSchemaName schema, Kind kind, String message) {
    }

    private Outcome migrate(Target target) {
        try {
            MigrateResult result = Migrations.workspaceFlyway(target.dataSource(), target.schema().value(), extraLocations)
                    .migrate();
            return new Outcome(target.schema(), result.migrationsExecuted > 0 ? Kind.MIGRATED : Kind.CURRENT, null);
        } catch (RuntimeException e) {
            // Any failure of this schema (a conflicting object, a lost connection) is its own; the others go on.
            return new Outcome(target.schema(), Kind.FAILED, messageOf(e));
        }
    }

    private static Outcome result(Future<Outcome> future, WorkspaceSchemaName schema) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new Outcome(schema, Kind.FAILED, messageOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(schema, Kind.FAILED, "interrupted before its outcome was known");
        }
    }

    private static String messageOf(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }
}
