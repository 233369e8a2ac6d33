package com.memorylayer.gateway.usage;

import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;

import com.memorylayer.gateway.paging.ListParameters;
import com.memorylayer.gateway.paging.PageCursor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
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

    private static final Set<String> PARAMETERS = Set.of("granularity", "from", "to", "key_id", "limit", "cursor");
    private static final Set<String> GRANULARITIES = Set.of("minute", "day");

    /** One window's totals; client and server errors are calls answered 4xx and 5xx. */
    public record UsageWindow(Instant windowStart, long requests, long clientErrors, long serverErrors, long bytesIn,
            long bytesOut, long memoriesWritten, long recalls, long memoriesEmbedded, long embeddingTokens) {
    }

    /** @param keyId the key the totals are for, or null for the whole workspace */
    public record UsagePage(String granularity, UUID keyId, List<UsageWindow> windows, String nextCursor) {
    }

    private final DSLContext dsl;

    UsageWindows(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * One page of windows, chosen by the request's {@code granularity}, {@code from}, {@code to}, {@code key_id},
     * {@code limit} and {@code cursor} parameters.
     *
     * @throws com.memorylayer.gateway.error.ApiException for an unknown or malformed parameter
     */
    public UsagePage page(UUID workspace, HttpServletRequest request) {
        ListParameters parameters = ListParameters.of(request, PARAMETERS);
        String granularity = parameters.text("granularity") == null ? "day" : parameters.text("granularity");
        if (!GRANULARITIES.contains(granularity)) {
            throw ListParameters.invalid("granularity", "granularity must be minute or day");
        }
        ListParameters.TimeRange range = parameters.timeRange();
        int limit = parameters.limit();
        PageCursor cursor = PageCursor.decode(parameters.text("cursor"));
        UUID keyId = parameters.uuid("key_id");

        // A key of another workspace matches no row here, so its usage never shows.
        Table<? extends Record> table = keyId == null ? USAGE_WORKSPACE_WINDOWS : USAGE_KEY_WINDOWS;
        Field<OffsetDateTime> start = keyId == null ? USAGE_WORKSPACE_WINDOWS.WINDOW_START : USAGE_KEY_WINDOWS.WINDOW_START;
        Condition where = keyId == null
                ? USAGE_WORKSPACE_WINDOWS.WORKSPACE_ID.eq(workspace).and(USAGE_WORKSPACE_WINDOWS.GRANULARITY.eq(granularity))
                : USAGE_KEY_WINDOWS.WORKSPACE_ID.eq(workspace).and(USAGE_KEY_WINDOWS.KEY_ID.eq(keyId))
                        .and(USAGE_KEY_WINDOWS.GRANULARITY.eq(granularity));
        if (range.from() != null) {
            where = where.and(start.ge(range.from().atOffset(ZoneOffset.UTC)));
        }
        if (range.to() != null) {
            where = where.and(start.lt(range.to().atOffset(ZoneOffset.UTC)));
        }
        if (cursor != null) {
            where = where.and(start.gt(cursor.time().atOffset(ZoneOffset.UTC)));
        }
        List<UsageWindow> windows = dsl.selectFrom(table)
                .where(where)
                .orderBy(start.asc())
                .limit(limit + 1)
                .fetch(UsageWindows::window);
        if (windows.size() <= limit) {
            return new UsagePage(granularity, keyId, windows, null);
        }
        Instant last = windows.get(limit - 1).windowStart();
        return new UsagePage(granularity, keyId, windows.subList(0, limit), new PageCursor(last, null).encode());
    }

    private static UsageWindow window(Record r) {
        return new UsageWindow(r.get("window_start", OffsetDateTime.class).toInstant(), total(r, "requests"),
                total(r, "client_errors"), total(r, "server_errors"), total(r, "bytes_in"), total(r, "bytes_out"),
                total(r, "memories_written"), total(r, "recalls"), total(r, "memories_embedded"),
                total(r, "embedding_tokens"));
    }

    private static long total(Record r, String column) {
        return r.get(column, Long.class);
    }
}
