package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_DIARY;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.SESSION_QUERIES;

import com.memorylayer.schemas.events.SessionRecalls;
import com.memorylayer.schemas.events.WriteDiaryEntry;
import com.memorylayer.schemas.memory.WriteOutcome;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.impl.DSL;

/** Keeps agent sessions' diaries and the latest queries each session asked. */
class SessionHandler {

    /** A handoff lists a session's latest queries, not its whole history: older ones are let go as new ones come. */
    static final int QUERIES_KEPT_PER_SESSION = 50;

    Applied diary(WorkspaceTx tx, WriteDiaryEntry entry) {
        int inserted = tx.dsl().insertInto(SESSION_DIARY)
                .set(SESSION_DIARY.ID, entry.entryId())
                .set(SESSION_DIARY.SESSION_ID, entry.sessionId())
                .set(SESSION_DIARY.ENTRY, entry.entry())
                .set(SESSION_DIARY.WRITTEN_AT, entry.writtenAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        return new Applied(inserted == 1 ? WriteOutcome.STORED : WriteOutcome.UPDATED, null, null, List.of(), null);
    }

    Applied recalls(WorkspaceTx tx, SessionRecalls recalls) {
        if (recalls.recalls().isEmpty()) {
            return new Applied(WriteOutcome.UPDATED, null, null, List.of(), null);
        }
        Set<String> sessions = new TreeSet<>();
        var insert = tx.dsl().insertInto(SESSION_QUERIES, SESSION_QUERIES.SESSION_ID, SESSION_QUERIES.QUERY, SESSION_QUERIES.RESULTS,
                SESSION_QUERIES.RECALLED_AT);
        for (SessionRecalls.Recall recall : recalls.recalls()) {
            insert = insert.values(recall.sessionId(), recall.query(), recall.results(), recall.recalledAt().atOffset(ZoneOffset.UTC));
            sessions.add(recall.sessionId());
        }
        insert.execute();
        for (String session : sessions) {
            var kept = DSL.select(SESSION_QUERIES.ID).from(SESSION_QUERIES).where(SESSION_QUERIES.SESSION_ID.eq(session))
                    .orderBy(SESSION_QUERIES.RECALLED_AT.desc(), SESSION_QUERIES.ID.desc()).limit(QUERIES_KEPT_PER_SESSION);
            tx.dsl().deleteFrom(SESSION_QUERIES)
                    .where(SESSION_QUERIES.SESSION_ID.eq(session)).and(SESSION_QUERIES.ID.notIn(kept))
                    .execute();
        }
        return new Applied(WriteOutcome.UPDATED, null, null, List.of(), null);
    }
}
