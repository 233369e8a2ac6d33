package com.memorylayer.audit.usage;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of a usage table: a workspace's or a key's totals in one window. Stored in the sink's state as a
 * fixed 42-byte key, so the store's byte order groups a subject's windows together.
 *
 * @param keyId null for the workspace-wide row
 */
public record UsageWindowKey(UUID workspaceId, UUID keyId, Granularity granularity, Instant windowStart) {

    private static final int SIZE = 2 + 8 + 16 + 16;
    private static final UUID NONE = new UUID(0, 0);

    public UsageWindowKey {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(windowStart, "windowStart");
    }

    public boolean perKey() {
        return keyId != null;
    }

    public Instant windowEnd() {
        return granularity.windowEnd(windowStart);
    }

    byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.put((byte) (perKey() ? 1 : 0));
        buffer.put((byte) granularity.ordinal());
        buffer.putLong(windowStart.toEpochMilli());
        UUID key = perKey() ? keyId : NONE;
        buffer.putLong(workspaceId.getMostSignificantBits()).putLong(workspaceId.getLeastSignificantBits());
        buffer.putLong(key.getMostSignificantBits()).putLong(key.getLeastSignificantBits());
        return buffer.array();
    }

    static UsageWindowKey fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        boolean perKey = buffer.get() == 1;
        Granularity granularity = Granularity.values()[buffer.get()];
        Instant start = Instant.ofEpochMilli(buffer.getLong());
        UUID workspace = new UUID(buffer.getLong(), buffer.getLong());
        UUID key = new UUID(buffer.getLong(), buffer.getLong());
        return new UsageWindowKey(workspace, perKey ? key : null, granularity, start);
    }
}
