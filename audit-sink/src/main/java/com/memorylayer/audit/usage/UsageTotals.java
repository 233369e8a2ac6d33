package com.memorylayer.audit.usage;

import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.UsageEvent;
import com.memorylayer.schemas.events.UsageRecorded;
import java.nio.ByteBuffer;

/**
 * What one window has counted so far. {@code clientErrors} and {@code serverErrors} are calls answered 4xx and
 * 5xx; embedding work comes from the ingest worker and counts no request.
 */
public record UsageTotals(
        long requests,
        long clientErrors,
        long serverErrors,
        long bytesIn,
        long bytesOut,
        long memoriesWritten,
        long recalls,
        long memoriesEmbedded,
        long embeddingTokens) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final int SIZE = 9 * Long.BYTES;

    public static UsageTotals of(UsageEvent event) {
        return switch (event) {
            case UsageRecorded call -> new UsageTotals(call.requests(),
                    call.status() >= 400 && call.status() < 500 ? 1 : 0,
                    call.status() >= 500 ? 1 : 0,
                    call.bytesIn(), call.bytesOut(), call.memoriesWritten(), call.recalls(), 0, 0);
            case MemoriesEmbedded embedded -> new UsageTotals(0, 0, 0, 0, 0, 0, 0, embedded.memories(), embedded.tokens());
        };
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(requests + other.requests, clientErrors + other.clientErrors,
                serverErrors + other.serverErrors, bytesIn + other.bytesIn, bytesOut + other.bytesOut,
                memoriesWritten + other.memoriesWritten, recalls + other.recalls,
                memoriesEmbedded + other.memoriesEmbedded, embeddingTokens + other.embeddingTokens);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).putLong(requests).putLong(clientErrors).putLong(serverErrors)
                .putLong(bytesIn).putLong(bytesOut).putLong(memoriesWritten).putLong(recalls)
                .putLong(memoriesEmbedded).putLong(embeddingTokens).array();
    }

    static UsageTotals fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UsageTotals(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                b.getLong(), b.getLong(), b.getLong());
    }
}
