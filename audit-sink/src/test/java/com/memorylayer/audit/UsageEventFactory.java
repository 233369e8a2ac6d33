package com.memorylayer.audit;

import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.RequestAudited;
import com.memorylayer.schemas.events.UsageRecorded;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Random but reproducible audit and usage events, with the totals they must add up to computed here, by plain
 * sums, independently of the sink's own classes.
 */
final class UsageEventFactory {

    /** Expected totals per (workspace or key, granularity, window start), in the tables' column order. */
    record Row(UUID subject, String granularity, Instant windowStart) {
    }

    static final int COLUMNS = 9;
    private static final int[] STATUSES = {200, 200, 200, 202, 400, 401, 403, 404, 413, 429, 500, 503};

    final List<UUID> workspaces = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    final Map<UUID, List<UUID>> keys = new HashMap<>();
    final Map<Row, long[]> expectedWorkspace = new HashMap<>();
    final Map<Row, long[]> expectedKey = new HashMap<>();
    final Map<UUID, UUID> keyWorkspace = new HashMap<>();
    private final Random random = new Random(42);

    UsageEventFactory() {
        for (UUID w : workspaces) {
            List<UUID> ks = List.of(UUID.randomUUID(), UUID.randomUUID());
            keys.put(w, ks);
            ks.forEach(k -> keyWorkspace.put(k, w));
        }
    }

    /** A usage event at {@code time}, counted in the expected totals when {@code counted}. */
    EventEnvelope usage(Instant time, boolean counted) {
        UUID workspace = workspaces.get(random.nextInt(workspaces.size()));
        return usage(workspace, time, counted);
    }

    EventEnvelope usage(UUID workspace, Instant time, boolean counted) {
        UUID key = random.nextInt(10) == 0 ? null : keys.get(workspace).get(random.nextInt(2));
        long[] delta = new long[COLUMNS];
        EventEnvelope event;
        if (random.nextInt(5) == 0) {
            long tokens = 5 + random.nextInt(500);
            delta[7] = 1;
            delta[8] = tokens;
            event = EventEnvelope.wrap(UUID.randomUUID(), "/test/ingest", time, workspace, key, null,
                    new MemoriesEmbedded(1, tokens, "bge-small-en-v1.5"));
        } else {
            int status = STATUSES[random.nextInt(STATUSES.length)];
            long bytesIn = random.nextInt(5000);
            long bytesOut = random.nextInt(20000);
            long written = status == 202 ? 1 : 0;
            long recalls = status == 200 ? 1 : 0;
            delta[0] = 1;
            delta[1] = status / 100 == 4 ? 1 : 0;
            delta[2] = status / 100 == 5 ? 1 : 0;
            delta[3] = bytesIn;
            delta[4] = bytesOut;
            delta[5] = written;
            delta[6] = recalls;
            event = EventEnvelope.wrap(UUID.randomUUID(), "/test/gateway", time, workspace, key, null,
                    new UsageRecorded(1, bytesIn, bytesOut, written, recalls, status));
        }
        if (counted) {
            for (String granularity : List.of("minute", "day")) {
                Instant start = time.truncatedTo(granularity.equals("minute") ? ChronoUnit.MINUTES : ChronoUnit.DAYS);
                add(expectedWorkspace, new Row(workspace, granularity, start), delta);
                if (key != null) {
                    add(expectedKey, new Row(key, granularity, start), delta);
                }
            }
        }
        return event;
    }

    EventEnvelope audit(Instant time) {
        UUID workspace = random.nextInt(20) == 0 ? null : workspaces.get(random.nextInt(workspaces.size()));
        UUID key = workspace == null ? null : keys.get(workspace).get(random.nextInt(2));
        int status = STATUSES[random.nextInt(STATUSES.length)];
        return EventEnvelope.wrap(UUID.randomUUID(), "/test/gateway", time, workspace, key, null,
                new RequestAudited("POST /v1/workspaces/{slug}/recall", "POST", status, random.nextInt(300),
                        "req-" + random.nextInt(1_000_000), "10.0.0." + random.nextInt(255), null, null));
    }

    /** Times spread over {@code span} from {@code start}, jittered by up to a minute but never out of grace. */
    Instant timeAt(Instant start, Duration span, int i, int n) {
        long offset = span.toMillis() * i / n + random.nextInt(60_000);
        return start.plusMillis(offset);
    }

    static byte[] bytes(EventEnvelope event) {
        return EventCodec.encode(event);
    }

    private static void add(Map<Row, long[]> totals, Row row, long[] delta) {
        long[] current = totals.computeIfAbsent(row, r -> new long[COLUMNS]);
        for (int i = 0; i < COLUMNS; i++) {
            current[i] += delta[i];
        }
    }
}
