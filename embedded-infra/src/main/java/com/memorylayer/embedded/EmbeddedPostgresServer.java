package com.memorylayer.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Postgres server from the binaries zonky ships on Maven Central, started in process.
 *
 * <p>With a data directory the cluster is kept across restarts (the dev launcher); without one it lives in a
 * temporary directory that is removed on close (the tests). A kept cluster can be given a password, which it then
 * asks of every connection ({@link PasswordAuthentication}), and can be {@linkplain #restart() restarted} after its
 * postmaster died; before it starts, whatever a dead owner left running in its data directory is ended
 * ({@link StalePostgres}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** How long a postmaster nobody owns gets to shut down on SIGTERM before it and its children are killed. */
    private static final Duration STALE_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** Null for a temporary server. */
    private final Path dataDirectory;
    private final Durability durability;
    /** Null when the cluster trusts every local connection (temporary servers, and callers that pass none). */
    private final String password;
    private volatile EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;

    private EmbeddedPostgresServer(Path dataDirectory, Durability durability, String password) {
        this.dataDirectory = dataDirectory;
        this.durability = durability;
        this.password = password;
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

    /**
     * Starts a server whose cluster lives in {@code dataDirectory}, trusting every local connection; an existing
     * cluster there is reused.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability) {
        return start(dataDirectory, port, durability, null);
    }

    /**
     * Starts a server whose cluster lives in {@code dataDirectory} and asks for {@code password} (SCRAM) on every
     * connection; an existing cluster there is reused, and one that trusted connections is converted. Postgres
     * processes a dead owner left in the directory are ended first.
     *
     * @throws IllegalStateException when another live process (another launcher) runs a server on the directory
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Durability durability, String password) {
        Path directory = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        StalePostgres.clearOwnerless(directory, STALE_SHUTDOWN_GRACE);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(directory, durability, password);
        server.launch(port);
        return server;
    }

    /**
     * Ends the Postgres processes a dead launcher left running in {@code dataDirectory}, as {@link #start} does first:
     * a caller that checks its ports before starting calls this before the check, so that this directory's own orphan
     * does not count as a stranger holding the port. @throws IllegalStateException when a live process owns the
     * directory
     */
    public static void endOwnerless(Path dataDirectory) {
        StalePostgres.clearOwnerless(dataDirectory.toAbsolutePath(), STALE_SHUTDOWN_GRACE);
    }

    /**
     * Before a Postgres of {@code dataDirectory} that was killed is started again by hand (the cluster launcher runs
     * the postmaster as a process of its own): ends the children it left, which hold its shared memory, and removes
     * its pid file, as {@link #restart()} does.
     */
    public static void clearDeadServer(Path dataDirectory) {
        StalePostgres.clearDeadServer(dataDirectory.toAbsolutePath(), STALE_SHUTDOWN_GRACE);
    }

    /**
     * The {@code postgres} executable zonky unpacked and started this server from, so that a launcher can run the
     * same binary on the same cluster as a process of its own. Empty if the running postmaster is not known.
     */
    public java.util.Optional<Path> postgresExecutable() {
        ProcessHandle current = postmaster;
        return current == null ? java.util.Optional.empty() : current.info().command().map(Path::of);
    }

    /** Starts a throw-away server on a free port, for tests. */
    public static EmbeddedPostgresServer startTemporary() {
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(null, Durability.FAST, null);
            server.postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("max_connections", "200")
                    .start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not start", e);
        }
    }

    private void launch(int port) {
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("max_connections", "200");
        if (durability == Durability.DURABLE) {
            // zonky always passes -F and sets synchronous_commit=off; a -c after -F wins, and the map entry is ours.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        Path passwordFile = null;
        if (password != null) {
            // zonky's own readiness check connects too, with these settings.
            builder.setConnectConfig("password", password);
            if (fresh) {
                // zonky runs initdb with -A trust and then the locale options, so these later ones win.
                passwordFile = PasswordAuthentication.passwordFile(password);
                builder.setLocaleConfig("auth", PasswordAuthentication.METHOD)
                        .setLocaleConfig("pwfile", passwordFile.toString());
            }
        }
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not start in " + dataDirectory, e);
        } finally {
            deleteQuietly(passwordFile);
        }
        if (password != null && PasswordAuthentication.trusts(dataDirectory)) {
            PasswordAuthentication.require(unauthenticated(), dataDirectory, USER, password);
        }
        postmaster = StalePostgres.postmasterPid(dataDirectory).flatMap(ProcessHandle::of).orElse(null);
    }

    /** Whether a cluster exists in {@code dataDirectory} and asks every connection for a password. */
    public static boolean asksForPassword(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve("pg_hba.conf")) && !PasswordAuthentication.trusts(dataDirectory);
    }

    /**
     * Whether the postmaster started last is still running (a zombie is not). Always true for a temporary server,
     * which is not watched.
     */
    public boolean isRunning() {
        ProcessHandle current = postmaster;
        return dataDirectory == null || (current != null && PostgresProcesses.isAlive(current));
    }

    /** The postmaster's pid, from its pid file at the last start. */
    public long postmasterPid() {
        ProcessHandle current = postmaster;
        return current == null ? -1 : current.pid();
    }

    /**
     * Starts the cluster again on the same data directory and port after its postmaster died: ends the children
     * the dead postmaster left (they hold its shared memory), removes its pid file, and starts a new postmaster.
     * Connections made before are broken; pools reconnect on their own.
     */
    public synchronized void restart() {
        if (dataDirectory == null) {
            throw new IllegalStateException("a temporary server is not restarted");
        }
        if (isRunning()) {
            throw new IllegalStateException("Postgres (pid " + postmasterPid() + ") is running; stop it before a restart");
        }
        int port = port();
        StalePostgres.clearDeadServer(dataDirectory, STALE_SHUTDOWN_GRACE);
        // zonky's close is the only way to release its lock on the data directory; the pg_ctl stop it runs first
        // finds nothing to stop, and zonky logs that as an error.
        log.info("releasing the dead server's lock on {}; zonky's 'Could not stop postmaster' that follows is expected", dataDirectory);
        closeQuietly(postgres);
        launch(port);
    }

    private DataSource unauthenticated() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(USER);
        return dataSource;
    }

    private static void closeQuietly(EmbeddedPostgres dead) {
        try {
            dead.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the dead server: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.toString());
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
        dataSource.setPassword(password());
        return dataSource;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password == null ? "" : password;
    }

    @Override
    public synchronized void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Postgres did not stop cleanly", e);
        }
    }
}
