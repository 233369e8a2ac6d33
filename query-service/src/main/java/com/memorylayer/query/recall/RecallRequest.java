package com.memorylayer.query.recall;

import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import java.util.Set;

/**
 * A validated recall.
 *
 * @param filters   which memories may be returned; when it names no status, {@link MemoryStatus#RECALLED_BY_DEFAULT}
 *                  (active and challenged) — forgotten, invalidated, superseded and merged memories are returned only
 *                  to a request that asks for them by status
 * @param mode      which memory types may be returned, in addition to (AND) {@code filters.memory_type}
 * @param minScore  results scoring below it are dropped (scores are in [0, 1]); null keeps all
 * @param channels  the retrieval channels to run ({@code dense}, {@code lexical}); both by default — fewer is for
 *                  ablations and for clients that want one kind of match only
 * @param sessionBoost false ranks by the fused score alone, without lifting memories whose session matched well
 * @param rerank    false skips the reranking stage (when one is configured)
 * @param sessionId the agent session asking, or null; its handoff lists the query (only when the caller may write). It
 *                  does not filter or rank.
 * @param referenceDate when the question is asked, for the times it names ("last week"), at the asker's offset from
 *                      UTC (whose midnights bound its days); null: now, in UTC
 */
record RecallRequest(String query, int limit, String consistencyToken, MemorySelection filters, RecallMode mode,
        Double minScore, Set<String> channels, boolean sessionBoost, boolean rerank, String sessionId,
        java.time.OffsetDateTime referenceDate) {

    RecallRequest {
        filters = (filters == null ? MemorySelection.ALL : filters).withDefaultStatus(MemoryStatus.RECALLED_BY_DEFAULT);
        mode = mode == null ? RecallMode.FULL_CONTEXT : mode;
    }

    /** The recall as a writer's: one naming no session counts for the workspace's shared session. */
    RecallRequest inSharedSessionUnlessNamed() {
        return sessionId != null ? this : new RecallRequest(query, limit, consistencyToken, filters, mode, minScore, channels,
                sessionBoost, rerank, AgentSessions.SHARED_SESSION, referenceDate);
    }

    /** The same recall naming no agent session: what a caller that may not write asks. */
    RecallRequest withoutSession() {
        return new RecallRequest(query, limit, consistencyToken, filters, mode, minScore, channels, sessionBoost, rerank, null,
                referenceDate);
    }

    /** A recall no agent session names. */
    RecallRequest(String query, int limit, String consistencyToken, MemorySelection filters, RecallMode mode,
            Double minScore, Set<String> channels, boolean sessionBoost, boolean rerank) {
        this(query, limit, consistencyToken, filters, mode, minScore, channels, sessionBoost, rerank, null, null);
    }
}
