package com.memorylayer.web.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, for what is stored or remembered in place of a secret or a body: invite tokens and one-time links
 * (random enough to need no slow hash), request bodies behind an Idempotency-Key, presented keys a refusal is
 * remembered under.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hexOf(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
