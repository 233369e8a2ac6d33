package com.memorylayer.gateway.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clear form of an API key: {@code mlk_<prefix>_<secret>}. The prefix (12 hex digits) is stored in clear to
 * find the key and to show it in listings; the secret (32 random bytes, base64url) is only ever stored hashed.
 */
public record ApiKeyToken(String prefix, String secret) {

    private static final Pattern SHAPE = Pattern.compile("mlk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKeyToken generate() {
        byte[] prefix = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(prefix);
        RANDOM.nextBytes(secret);
        return new ApiKeyToken(HexFormat.of().formatHex(prefix), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static Optional<ApiKeyToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text.trim());
        return m.matches() ? Optional.of(new ApiKeyToken(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The part of a key that may be shown: {@code mlk_<prefix>}, without the secret. */
    public static String visiblePrefix(String prefix) {
        return "mlk_" + prefix;
    }

    /** The full token as the client sends it. */
    public String value() {
        return visiblePrefix(prefix) + "_" + secret;
    }

    @Override
    public String toString() {
        return visiblePrefix(prefix) + "_…";
    }
}
