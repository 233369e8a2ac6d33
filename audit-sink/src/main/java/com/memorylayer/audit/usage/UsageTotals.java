package com.memorylayer.audit.usage;

import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.UsageEvent;
import com.memorylayer.schemas.events.UsageRecorded;
import java.nio.ByteBuffer;

/**
 * What one window has counted so far. {@code clientErrors} and {@code serverErrors} are calls answered 4xx and
 * 5xx; embedding work comes from the ingest worker and counts no request; edited, forgotten and erased memories are
 * what curation calls asked for.
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
        long embeddingTokens,
        long memoriesEdited,
        long memoriesForgotten,
        long memoriesErased) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final int SIZE = 12 * Long.BYTES;
    /** Totals stored before curation was metered have nine counters; the last three are then zero. */
    private static final int SIZE_BEFORE_CURATION = 9 * Long.BYTES;

    public static UsageTotals of(UsageEvent event) {
        return switch (event) {
            case UsageRecorded call -> new UsageTotals(call.requests(),
                    call.status() >= 400 && call.status() < 500 ? 1 : 0,
                    call.status() >= 500 ? 1 : 0,
                    call.bytesIn(), call.bytesOut(), call.memoriesWritten(), call.recalls(), 0, 0, call.memoriesEdited(),
                    call.memoriesForgotten(), call.memoriesErased());
            case MemoriesEmbedded embedded -> new UsageTotals(0, 0, 0, 0, 0, 0, 0, embedded.memories(), embedded.tokens(),
                    0, 0, 0);
        };
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(requests + other.requests, clientErrors + other.clientErrors,
                serverErrors + other.serverErrors, bytesIn + other.bytesIn, bytesOut + other.bytesOut,
                memoriesWritten + other.memoriesWritten, recalls + other.recalls,
                memoriesEmbedded + other.memoriesEmbedded, embeddingTokens + other.embeddingTokens,
                memoriesEdited + other.memoriesEdited, memoriesForgotten + other.memoriesForgotten,
                memoriesErased + other.memoriesErased);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).putLong(requests).putLong(clientErrors).putLong(serverErrors)
                .putLong(bytesIn).putLong(bytesOut).putLong(memoriesWritten).putLong(recalls)
                .putLong(memoriesEmbedded).putLong(embeddingTokens).putLong(memoriesEdited).putLong(memoriesForgotten)
                .putLong(memoriesErased).array();
    }

    static UsageTotals fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        boolean curation = bytes.length >= SIZE;
        if (!curation && bytes.length != SIZE_BEFORE_CURATION) {
            throw new IllegalArgumentException("usage totals of " + bytes.length + " bytes");
        }
        return new UsageTotals(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                b.getLong(), b.getLong(), b.getLong(), curation ? b.getLong() : 0, curation ? b.getLong() : 0,
                curation ? b.getLong() : 0);
    }
}
