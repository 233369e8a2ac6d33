package com.memorylayer.gateway.activity;

import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Component;

/**
 * The workspace's usage in per-minute or per-day windows, oldest first (the order a chart wants), for the whole
 * workspace or for one of its keys. Served from what the audit-sink materialised; windows with no traffic are
 * absent rather than zero.
 */
@Component
public class UsageWindows {

    /** One window's totals; client and server errors are calls answered 4xx and 5xx. */
    public record UsageWindow(Instant windowStart, long requests, long clientErrors, long serverErrors, long bytesIn,
            long bytesOut, long memoriesWritten, long recalls, long memoriesEmbedded, long embeddingTokens,
            long memoriesEdited, long memoriesForgotten, long memoriesErased) {
    }

    /** @param keyId the key the totals are for, or null for the whole workspace */
    public record UsagePage(String granularity, UUID keyId, List<UsageWindow> windows, String nextCursor) {
    }

    /**
     * The two window tables have the same columns; naming them through each table's generated fields makes a
     * renamed column a build failure rather than a failing read in production.
     */
    private record Columns(Table<? extends Record> table, Field<UUID> workspaceId, Field<String> granularity,
            Field<OffsetDateTime> windowStart, Field<Long> requests, Field<Long> clientErrors, Field<Long> serverErrors,
            Field<Long> bytesIn, Field<Long> bytesOut, Field<Long> memoriesWritten, Field<Long> recalls,
            Field<Long> memoriesEmbedded, Field<Long> embeddingTokens, Field<Long> memoriesEdited,
            Field<Long> memoriesForgotten, Field<Long> memoriesErased) {

        static final Columns WORKSPACE = new Columns(USAGE_WORKSPACE_WINDOWS, USAGE_WORKSPACE_WINDOWS.WORKSPACE_ID,
                USAGE_WORKSPACE_WINDOWS.GRANULARITY, USAGE_WORKSPACE_WINDOWS.WINDOW_START,
                USAGE_WORKSPACE_WINDOWS.REQUESTS, USAGE_WORKSPACE_WINDOWS.CLIENT_ERRORS,
                USAGE_WORKSPACE_WINDOWS.SERVER_ERRORS, USAGE_WORKSPACE_WINDOWS.BYTES_IN, USAGE_WORKSPACE_WINDOWS.BYTES_OUT,
                USAGE_WORKSPACE_WINDOWS.MEMORIES_WRITTEN, USAGE_WORKSPACE_WINDOWS.RECALLS,
                USAGE_WORKSPACE_WINDOWS.MEMORIES_EMBEDDED, USAGE_WORKSPACE_WINDOWS.EMBEDDING_TOKENS,
                USAGE_WORKSPACE_WINDOWS.MEMORIES_EDITED, USAGE_WORKSPACE_WINDOWS.MEMORIES_FORGOTTEN,
                USAGE_WORKSPACE_WINDOWS.MEMORIES_ERASED);

        static final Columns KEY = new Columns(USAGE_KEY_WINDOWS, USAGE_KEY_WINDOWS.WORKSPACE_ID,
                USAGE_KEY_WINDOWS.GRANULARITY, USAGE_KEY_WINDOWS.WINDOW_START, USAGE_KEY_WINDOWS.REQUESTS,
                USAGE_KEY_WINDOWS.CLIENT_ERRORS, USAGE_KEY_WINDOWS.SERVER_ERRORS, USAGE_KEY_WINDOWS.BYTES_IN,
                USAGE_KEY_WINDOWS.BYTES_OUT, USAGE_KEY_WINDOWS.MEMORIES_WRITTEN, USAGE_KEY_WINDOWS.RECALLS,
                USAGE_KEY_WINDOWS.MEMORIES_EMBEDDED, USAGE_KEY_WINDOWS.EMBEDDING_TOKENS, USAGE_KEY_WINDOWS.MEMORIES_EDITED,
                USAGE_KEY_WINDOWS.MEMORIES_FORGOTTEN, USAGE_KEY_WINDOWS.MEMORIES_ERASED);

        UsageWindow window(Record r) {
            return new UsageWindow(r.get(windowStart).toInstant(), r.get(requests), r.get(clientErrors),
                    r.get(serverErrors), r.get(bytesIn), r.get(bytesOut), r.get(memoriesWritten), r.get(recalls),
                    r.get(memoriesEmbedded), r.get(embeddingTokens), r.get(memoriesEdited), r.get(memoriesForgotten),
                    r.get(memoriesErased));
        }
    }

    private final DSLContext dsl;

    UsageWindows(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One page of windows, oldest first. */
    public UsagePage page(UUID workspace, UsageQuery query) {
        Columns columns = query.keyId() == null ? Columns.WORKSPACE : Columns.KEY;
        Field<OffsetDateTime> start = columns.windowStart();
        Condition where = columns.workspaceId().eq(workspace).and(columns.granularity().eq(query.granularity()));
        if (query.keyId() != null) {
            // A key of another workspace matches no row here, so its usage never shows.
            where = where.and(USAGE_KEY_WINDOWS.KEY_ID.eq(query.keyId()));
        }
        if (query.range().from() != null) {
            where = where.and(start.ge(query.range().from().atOffset(ZoneOffset.UTC)));
        }
        if (query.range().to() != null) {
            where = where.and(start.lt(query.range().to().atOffset(ZoneOffset.UTC)));
        }
        if (query.cursor() != null) {
            where = where.and(start.gt(query.cursor().time().atOffset(ZoneOffset.UTC)));
        }
        int limit = query.limit();
        List<UsageWindow> windows = dsl.selectFrom(columns.table())
                .where(where)
                .orderBy(start.asc())
                .limit(limit + 1)
                .fetch(columns::window);
        if (windows.size() <= limit) {
            return new UsagePage(query.granularity(), query.keyId(), windows, null);
        }
        Instant last = windows.get(limit - 1).windowStart();
        return new UsagePage(query.granularity(), query.keyId(), windows.subList(0, limit),
                new PageCursor(last, null).encode());
    }
}
