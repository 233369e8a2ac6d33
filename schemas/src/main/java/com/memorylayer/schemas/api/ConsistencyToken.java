package com.memorylayer.schemas.api;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * What a write returns so that a later recall can wait for it: the id of the command event, and the workspace it
 * was written to. The ingest worker records every applied event id in the workspace schema, so the query service
 * waits until the id is there; the workspace lets it refuse at once a token that belongs elsewhere, which no wait
 * could ever satisfy. The wire form is opaque to clients: {@code v2.} + base64url of the two ids. Tokens of the
 * first form ({@code v1.}, the event id alone) are still read; they carry no workspace.
 *
 * @param workspaceId null for a {@code v1.} token
 */
public record ConsistencyToken(UUID workspaceId, UUID eventId) {

    private static final String V1 = "v1.";
    private static final String V2 = "v2.";

    public ConsistencyToken {
        Objects.requireNonNull(eventId, "eventId");
    }

    public String encode() {
        Objects.requireNonNull(workspaceId, "a token is issued for a workspace");
        ByteBuffer bytes = ByteBuffer.allocate(32);
        bytes.putLong(workspaceId.getMostSignificantBits()).putLong(workspaceId.getLeastSignificantBits());
        bytes.putLong(eventId.getMostSignificantBits()).putLong(eventId.getLeastSignificantBits());
        return V2 + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** True when the token was issued for a write to a workspace other than {@code workspace}. */
    public boolean belongsElsewhere(UUID workspace) {
        return workspaceId != null && !workspaceId.equals(workspace);
    }

    /** @throws IllegalArgumentException when the text is not a token this service issued */
    public static ConsistencyToken decode(String text) {
        if (text != null && text.startsWith(V2)) {
            ByteBuffer bytes = ByteBuffer.wrap(raw(text.substring(V2.length()), 32));
            return new ConsistencyToken(new UUID(bytes.getLong(), bytes.getLong()), new UUID(bytes.getLong(), bytes.getLong()));
        }
        if (text != null && text.startsWith(V1)) {
            ByteBuffer bytes = ByteBuffer.wrap(raw(text.substring(V1.length()), 16));
            return new ConsistencyToken(null, new UUID(bytes.getLong(), bytes.getLong()));
        }
        throw new IllegalArgumentException("not a consistency token");
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
