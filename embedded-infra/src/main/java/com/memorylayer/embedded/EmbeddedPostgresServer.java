package com.memorylayer.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real Postgres server from the binaries zonky ships on Maven Central, started in process.
 *
 * <p>With a data directory the cluster is kept across restarts (the dev launcher); without one it lives in a
 * temporary directory that is removed on close (the tests).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** How much a commit is worth if the machine loses power right after it. */
    public enum Durability {
        /** A committed transaction is on disk: fsync and synchronous commit on, as a person's own data needs. */
        DURABLE,
        /**
         * Postgres is told not to fsync ({@code -F}) and commits do not wait for the WAL flush: a crash of the process
         * loses nothing, a power cut may lose the last moments or corrupt the cluster. For tests and throw-away data.
         */
        FAST
    }

    /** Starts a server whose cluster lives in {@code dataDirectory}; an existing cluster there is reused. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200");
            if (durability == Durability.DURABLE) {
                // zonky always passes -F and sets synchronous_commit=off; a -c after -F wins, and the map entry is ours.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not start in " + dataDirectory, e);
        }
    }

    /** Starts a throw-away server on a free port, for tests. */
    public static EmbeddedPostgresServer startTemporary() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** A plain, unpooled data source on the server, for migrations and tests. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(USER);
        return dataSource;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not stop cleanly", e);
        }
    }
}
