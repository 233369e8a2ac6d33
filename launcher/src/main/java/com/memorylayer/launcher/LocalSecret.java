package com.memorylayer.launcher;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev platform's secrets, each made once and kept owner-only in the data directory:
 * <ul>
 * <li>{@value #KEY_HASH_SECRET}, the key-hashing secret: keys issued before a restart must still verify after it.
 * Production sets {@code MEMORYLAYER_KEY_HASH_SECRET} instead.</li>
 * <li>{@value #POSTGRES_PASSWORD}, the embedded Postgres superuser's password, which the cluster asks of every
 * connection: without it any local user could connect as superuser.</li>
 * </ul>
 */
final class LocalSecret {

    static final String KEY_HASH_SECRET = "key-hash-secret";
    static final String POSTGRES_PASSWORD = "postgres-password";

    private LocalSecret() {
    }

    static String keyHashSecret(Path dataDirectory) {
        return loadOrCreate(dataDirectory.resolve(KEY_HASH_SECRET));
    }

    /**
     * @throws IllegalStateException when the file is gone but the cluster it was made for is there and asks for it
     */
    static String postgresPassword(Path dataDirectory) {
        Path file = dataDirectory.resolve(POSTGRES_PASSWORD);
        Path cluster = dataDirectory.resolve(Platform.POSTGRES_DIRECTORY);
        if (!Files.exists(file) && EmbeddedPostgresServer.asksForPassword(cluster)) {
            throw new IllegalStateException(file + " is missing, and the Postgres cluster in " + cluster
                    + " asks for the password it held: restore the file, or delete " + dataDirectory + " to start from nothing");
        }
        return loadOrCreate(file);
    }

    private static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            // URL-safe Base64: no quotes, spaces or backslashes to escape in a connection string or a pwfile.
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            OwnerOnlyFile.write(file, encoded);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
