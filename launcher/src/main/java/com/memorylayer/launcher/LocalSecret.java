package com.memorylayer.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev platform's key-hashing secret, made once and kept in the data directory: keys issued before a
 * restart must still verify after it. Production sets {@code MEMORYLAYER_KEY_HASH_SECRET} instead.
 */
final class LocalSecret {

    private LocalSecret() {
    }

    static String loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve("key-hash-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            OwnerOnlyFile.write(file, encoded);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
