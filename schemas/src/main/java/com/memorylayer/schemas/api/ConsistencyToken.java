package com.memorylayer.schemas.api;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * What a remember returns so that a later recall can wait for that write: the id of the command event. The
 * ingest worker records every applied event id in the workspace schema, so the query service waits until the
 * id is there. The wire form is opaque to clients ({@code v1.} + base64url of the id).
 */
public record ConsistencyToken(UUID eventId) {

    private static final String PREFIX = "v1.";

    public ConsistencyToken {
        Objects.requireNonNull(eventId, "eventId");
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits());
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException when the text is not a token this service issued */
    public static ConsistencyToken decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a consistency token");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a consistency token", e);
        }
        if (raw.length != 16) {
            throw new IllegalArgumentException("not a consistency token");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        return new ConsistencyToken(new UUID(bytes.getLong(), bytes.getLong()));
    }
}
