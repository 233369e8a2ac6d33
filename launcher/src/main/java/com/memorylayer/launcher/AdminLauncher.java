package com.memorylayer.launcher;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.gateway.admin.AdminCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./memorylayer admin ...}: the operator's command line against the dev platform's own Postgres — the
 * running one when the platform is up, otherwise the cluster in the data directory, started for the command.
 */
final class AdminLauncher {

    private AdminLauncher() {
    }

    static int run(PlatformSettings settings, List<String> args, PrintStream out, PrintStream err) {
        Path data = DataDirectory.prepare(settings.dataDirectory());
        String secret = LocalSecret.keyHashSecret(data);
        String password = LocalSecret.postgresPassword(data);
        PGSimpleDataSource running = new PGSimpleDataSource();
        running.setUrl("jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + EmbeddedPostgresServer.DATABASE);
        running.setUser(EmbeddedPostgresServer.USER);
        running.setPassword(password);
        if (settings.postgresPort() > 0 && reachable(running)) {
            return new AdminCommand(running, secret).run(args, out, err);
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve(Platform.POSTGRES_DIRECTORY),
                settings.postgresPort(), settings.durability(), password)) {
            return new AdminCommand(postgres.dataSource(), secret).run(args, out, err);
        }
    }

    private static boolean reachable(PGSimpleDataSource dataSource) {
        dataSource.setConnectTimeout(2);
        try (Connection ignored = dataSource.getConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
