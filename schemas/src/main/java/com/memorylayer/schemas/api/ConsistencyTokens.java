package com.memorylayer.schemas.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and reads consistency tokens. The wire form is {@code v3.} + base64url of the workspace id, the event
 * id, the issue time (epoch seconds) and the first 16 bytes of an HMAC-SHA256 over those 40 bytes, under a key
 * derived from the server secret. The gateway issues them and the query service reads them; both hold the secret,
 * so a made-up or altered token is refused at once instead of being waited on. Tokens of the earlier unsigned
 * forms ({@code v1.} event id, {@code v2.} workspace and event id) are still read, marked {@link
 * ConsistencyToken#unsigned()}.
 */
public final class ConsistencyTokens {

    private static final String V1 = "v1.";
    private static final String V2 = "v2.";
    private static final String V3 = "v3.";
    private static final int SIGNED_BYTES = 40;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    /** Keeps this key apart from anything else the same server secret is used for (key hashing). */
    private static final byte[] PURPOSE = "memorylayer consistency token v3".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    /** @param serverSecret at least 16 characters; the same on every gateway and query service */
    public ConsistencyTokens(String serverSecret) {
        if (serverSecret == null || serverSecret.length() < 16) {
            throw new IllegalArgumentException("the consistency token secret must be at least 16 characters");
        }
        byte[] derived = hmac(new SecretKeySpec(serverSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM), PURPOSE);
        this.key = new SecretKeySpec(derived, ALGORITHM);
    }

    public String issue(UUID workspaceId, UUID eventId, Instant issuedAt) {
        Objects.requireNonNull(workspaceId, "a token is issued for a workspace");
        ByteBuffer bytes = ByteBuffer.allocate(SIGNED_BYTES + MAC_BYTES);
        bytes.putLong(workspaceId.getMostSignificantBits()).putLong(workspaceId.getLeastSignificantBits());
        bytes.putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits());
        bytes.putLong(issuedAt.getEpochSecond());
        bytes.put(mac(bytes.array()));
        return V3 + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException when the text is not a token this service issued, or was altered */
    public ConsistencyToken read(String text) {
        if (text != null && text.startsWith(V3)) {
            byte[] raw = raw(text.substring(V3.length()), SIGNED_BYTES + MAC_BYTES);
            byte[] presented = Arrays.copyOfRange(raw, SIGNED_BYTES, raw.length);
            if (!MessageDigest.isEqual(presented, mac(raw))) {
                throw new IllegalArgumentException("not a consistency token");
            }
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            return new ConsistencyToken(new UUID(bytes.getLong(), bytes.getLong()), new UUID(bytes.getLong(), bytes.getLong()),
                    Instant.ofEpochSecond(bytes.getLong()));
        }
        if (text != null && text.startsWith(V2)) {
            ByteBuffer bytes = ByteBuffer.wrap(raw(text.substring(V2.length()), 32));
            return new ConsistencyToken(new UUID(bytes.getLong(), bytes.getLong()), new UUID(bytes.getLong(), bytes.getLong()), null);
        }
        if (text != null && text.startsWith(V1)) {
            ByteBuffer bytes = ByteBuffer.wrap(raw(text.substring(V1.length()), 16));
            return new ConsistencyToken(null, new UUID(bytes.getLong(), bytes.getLong()), null);
        }
        throw new IllegalArgumentException("not a consistency token");
    }

    /** The MAC over the first {@value #SIGNED_BYTES} bytes. */
    private byte[] mac(byte[] token) {
        return Arrays.copyOf(hmac(key, Arrays.copyOf(token, SIGNED_BYTES)), MAC_BYTES);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] raw(String base64, int length) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a consistency token", e);
        }
        if (raw.length != length) {
            throw new IllegalArgumentException("not a consistency token");
        }
        return raw;
    }
}
