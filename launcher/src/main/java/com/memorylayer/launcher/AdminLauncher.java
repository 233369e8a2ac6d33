package com.memorylayer.launcher;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import com.memorylayer.gateway.admin.AdminCommand;
import com.memorylayer.ingest.graph.RebuildGraphCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./memorylayer admin ...}: the operator's command line against the dev platform's own Postgres — the
 * running one when the platform is up, otherwise the cluster in the data directory, started for the command.
 * The control-plane commands are the gateway's {@link AdminCommand}; {@code rebuild-graph} is the ingest worker's
 * {@link RebuildGraphCommand}, since the worker is the graph's only writer.
 */
final class AdminLauncher {

    static final String USAGE = AdminCommand.USAGE + "\n" + RebuildGraphCommand.USAGE.replace("usage: ", "       ");

    private AdminLauncher() {
    }

    static int run(PlatformSettings settings, List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !(args.get(0).equals(RebuildGraphCommand.NAME) || AdminCommand.COMMANDS.contains(args.get(0)))) {
            err.println(USAGE);
            return 2;
        }
        Path data = DataDirectory.prepare(settings.dataDirectory());
        String secret = LocalSecret.keyHashSecret(data);
        String password = LocalSecret.postgresPassword(data);
        PGSimpleDataSource running = new PGSimpleDataSource();
        running.setUrl("jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + EmbeddedPostgresServer.DATABASE);
        running.setUser(EmbeddedPostgresServer.USER);
        running.setPassword(password);
        if (settings.postgresPort() > 0 && reachable(running)) {
            return run(running, secret, args, out, err);
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve(Platform.POSTGRES_DIRECTORY),
                settings.postgresPort(), settings.durability(), password)) {
            return run(postgres.dataSource(), secret, args, out, err);
        }
    }

    private static int run(DataSource dataSource, String secret, List<String> args, PrintStream out, PrintStream err) {
        if (args.get(0).equals(RebuildGraphCommand.NAME)) {
            return new RebuildGraphCommand(dataSource).run(args, out, err);
        }
        return new AdminCommand(dataSource, secret).run(args, out, err);
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
