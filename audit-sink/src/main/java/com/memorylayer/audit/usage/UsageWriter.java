package com.memorylayer.audit.usage;

import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Writes windows' absolute totals, replacing what a row held: writing the same total twice changes nothing,
 * which is what makes a crash between the database commit and the Kafka commit harmless.
 */
@Component
public class UsageWriter {

    /*
     * Each table's total columns after its keys, in UsageTotals' order. Named through the generated fields, not
     * strings, so that a renamed column breaks the build instead of the sink's writes.
     */
    private static final List<Field<Long>> WORKSPACE_TOTALS = List.of(USAGE_WORKSPACE_WINDOWS.REQUESTS,
            USAGE_WORKSPACE_WINDOWS.CLIENT_ERRORS, USAGE_WORKSPACE_WINDOWS.SERVER_ERRORS,
            USAGE_WORKSPACE_WINDOWS.BYTES_IN, USAGE_WORKSPACE_WINDOWS.BYTES_OUT, USAGE_WORKSPACE_WINDOWS.MEMORIES_WRITTEN,
            USAGE_WORKSPACE_WINDOWS.RECALLS, USAGE_WORKSPACE_WINDOWS.MEMORIES_EMBEDDED,
            USAGE_WORKSPACE_WINDOWS.EMBEDDING_TOKENS, USAGE_WORKSPACE_WINDOWS.MEMORIES_EDITED,
            USAGE_WORKSPACE_WINDOWS.MEMORIES_FORGOTTEN, USAGE_WORKSPACE_WINDOWS.MEMORIES_ERASED);
    private static final List<Field<Long>> KEY_TOTALS = List.of(USAGE_KEY_WINDOWS.REQUESTS,
            USAGE_KEY_WINDOWS.CLIENT_ERRORS, USAGE_KEY_WINDOWS.SERVER_ERRORS, USAGE_KEY_WINDOWS.BYTES_IN,
            USAGE_KEY_WINDOWS.BYTES_OUT, USAGE_KEY_WINDOWS.MEMORIES_WRITTEN, USAGE_KEY_WINDOWS.RECALLS,
            USAGE_KEY_WINDOWS.MEMORIES_EMBEDDED, USAGE_KEY_WINDOWS.EMBEDDING_TOKENS, USAGE_KEY_WINDOWS.MEMORIES_EDITED,
            USAGE_KEY_WINDOWS.MEMORIES_FORGOTTEN, USAGE_KEY_WINDOWS.MEMORIES_ERASED);

    private final DSLContext dsl;

    public UsageWriter(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Upserts every window in one transaction. */
    public void write(Map<UsageWindowKey, UsageTotals> windows) {
        List<Map.Entry<UsageWindowKey, UsageTotals>> perWorkspace = new ArrayList<>();
        List<Map.Entry<UsageWindowKey, UsageTotals>> perKey = new ArrayList<>();
        windows.entrySet().forEach(e -> (e.getKey().perKey() ? perKey : perWorkspace).add(e));
        dsl.transaction(tx -> {
            upsert(tx.dsl(), USAGE_WORKSPACE_WINDOWS, List.of(USAGE_WORKSPACE_WINDOWS.WORKSPACE_ID,
                    USAGE_WORKSPACE_WINDOWS.GRANULARITY, USAGE_WORKSPACE_WINDOWS.WINDOW_START), List.of(),
                    WORKSPACE_TOTALS, perWorkspace, key -> List.of(key.workspaceId()));
            upsert(tx.dsl(), USAGE_KEY_WINDOWS, List.of(USAGE_KEY_WINDOWS.KEY_ID, USAGE_KEY_WINDOWS.GRANULARITY,
                    USAGE_KEY_WINDOWS.WINDOW_START), List.of(USAGE_KEY_WINDOWS.WORKSPACE_ID),
                    KEY_TOTALS, perKey, key -> List.of(key.keyId(), key.workspaceId()));
        });
    }

    /**
     * @param primaryKey the table's key, led by its subject column and ending in granularity and window start
     * @param totals the table's total columns, in {@link UsageTotals}' order
     * @param subjectValues values for the subject column and then {@code extraColumns}
     */
    private static <R extends Record> void upsert(DSLContext dsl, Table<R> table, List<Field<?>> primaryKey,
            List<Field<?>> extraColumns, List<Field<Long>> totals, List<Map.Entry<UsageWindowKey, UsageTotals>> rows,
            Function<UsageWindowKey, List<Object>> subjectValues) {
        if (rows.isEmpty()) {
            return;
        }
        List<Field<?>> columns = new ArrayList<>();
        columns.add(primaryKey.get(0));
        columns.addAll(extraColumns);
        columns.add(primaryKey.get(1));
        columns.add(primaryKey.get(2));
        columns.addAll(totals);
        InsertValuesStepN<R> insert = dsl.insertInto(table, columns);
        for (Map.Entry<UsageWindowKey, UsageTotals> row : rows) {
            UsageWindowKey key = row.getKey();
            UsageTotals t = row.getValue();
            List<Object> values = new ArrayList<>(subjectValues.apply(key));
            values.add(key.granularity().column());
            values.add(key.windowStart().atOffset(ZoneOffset.UTC));
            values.addAll(List.of(t.requests(), t.clientErrors(), t.serverErrors(), t.bytesIn(), t.bytesOut(),
                    t.memoriesWritten(), t.recalls(), t.memoriesEmbedded(), t.embeddingTokens(), t.memoriesEdited(),
                    t.memoriesForgotten(), t.memoriesErased()));
            insert = insert.values(values);
        }
        Map<Field<?>, Field<?>> replaced = new LinkedHashMap<>();
        totals.forEach(f -> replaced.put(f, DSL.excluded(f)));
        insert.onConflict(primaryKey).doUpdate().set(replaced).execute();
    }
}
