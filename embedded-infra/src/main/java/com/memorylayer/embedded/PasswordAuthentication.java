package com.memorylayer.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kept cluster that asks for its superuser's password (SCRAM) instead of trusting every local connection, as
 * zonky's {@code initdb -A trust} leaves it: on a shared machine any local user could otherwise connect as superuser.
 *
 * <p>A new cluster is made that way by initdb itself ({@code --auth}, {@code --pwfile}), so it never trusts anyone. A cluster
 * made before (trusting) is converted at its first start with a password: the password is set over the still
 * trusting connection, then {@code pg_hba.conf} is rewritten and reloaded — a window of a moment, once.
 */
final class PasswordAuthentication {

    static final String METHOD = "scram-sha-256";
    private static final Logger log = LoggerFactory.getLogger(PasswordAuthentication.class);
    /** {@code trust} as the method of an active line: a whole word, outside comments. */
    private static final Pattern TRUST = Pattern.compile("(?<=\\s)trust(?=\\s|$)");

    private PasswordAuthentication() {
    }

    /**
     * A file holding the password, owner-only, for initdb's {@code --pwfile}; the caller deletes it once initdb ran.
     */
    static Path passwordFile(String password) {
        try {
            Path file = Files.createTempFile("memorylayer-pg-", ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write initdb's password file", e);
        }
    }

    /** Whether the cluster's {@code pg_hba.conf} still lets any connection in without a password. */
    static boolean trusts(Path dataDirectory) {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try {
            return Files.exists(hba) && Files.readAllLines(hba).stream()
                    .anyMatch(line -> !line.strip().startsWith("#") && TRUST.matcher(line).find());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hba, e);
        }
    }

    /**
     * Converts a running, trusting cluster: the superuser gets {@code password} (its SCRAM verifier computed here,
     * so the clear password never reaches the server or its log), then every trusting line asks for it. Returns once
     * the server refuses a connection without the password. {@code withoutPassword} connects as the superuser and
     * sends no password.
     */
    static void require(DataSource withoutPassword, Path dataDirectory, String user, String password) {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        try (Connection connection = withoutPassword.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), METHOD);
            List<String> lines = Files.readAllLines(hba).stream()
                    .map(line -> line.strip().startsWith("#") ? line : TRUST.matcher(line).replaceAll(METHOD))
                    .toList();
            Path temp = hba.resolveSibling("pg_hba.conf.tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, lines);
            Files.move(temp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the embedded Postgres' password", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite " + hba, e);
        }
        // The reload is a signal the postmaster handles in its own time.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admits(withoutPassword)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded Postgres in " + dataDirectory
                        + " still admits connections without a password after reloading " + hba);
            }
            sleep(50);
        }
        log.info("the embedded Postgres in {} now asks for its password ({} replaces trust)", dataDirectory, METHOD);
    }

    private static boolean admits(DataSource withoutPassword) {
        try (Connection ignored = withoutPassword.getConnection()) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
