package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;

/**
 * What counts as the same memory said twice. Two memories are duplicates when
 * <ul>
 * <li>they say it in the same {@link Wording}: the same words, numbers and symbols in the same order, differing at
 * most in case, punctuation, spacing and Unicode presentation;</li>
 * <li>and they could describe the same thing: facts and procedures of the same type anywhere in the workspace (a
 * fact is the same fact whenever it is told), narratives only within one session (memories without a session form
 * one pool; "thanks!" said in two sessions is two events).</li>
 * </ul>
 * The rule used to be the other way round: cosine ≥ 0.92 first, then 80 % of distinct words shared and the same
 * numbers. Word sets cannot see order, roles or negation, so "Alice paid Bob" merged into "Bob paid Alice", "enabled
 * in staging but disabled in production" into its reverse and "load 0 1" into "load 1 0", each losing a fact. Any
 * word that differs now keeps two memories apart; a paraphrase stays its own memory, unlinked. A merge that should
 * have happened and did not costs a second row; one that should not have happened loses what was said.
 *
 * <p>Cosine is no longer a gate. Over the labelled pair corpus ({@code dedupe/pairs.tsv} in the tests) it never
 * kept a different fact apart that the wording had not, and it did keep apart true repeats the wording accepts:
 * bge-small does not normalise Unicode, so "2025" and its full-width digits, or "ﬁle" and "file", are further than
 * 0.92 apart. The similarity of a pair is still computed, to order a pass's merges and to report them.
 *
 * <p>On write the candidate is looked up by {@code memories.wording_key} (the hash of the canonical wording,
 * indexed), so a write reads at most a few rows whatever the size of the pool, and no vector; rows written before
 * the key existed have none and are not candidates on write. The dedupe pass ({@link #pairs}) computes the wording
 * from the content of the most recent {@code scanLimit} live memories, so it finds those too. Only live memories
 * (active, challenged) absorb others; a saved handoff is never a duplicate.
 */
public class DuplicateFinder {

    /** Rows sharing one wording key read on write; more than one only when repeats were written with dedupe off. */
    static final int MAX_CANDIDATES = 16;
    private static final List<String> LIVE = MemoryStatus.RECALLED_BY_DEFAULT.stream().map(MemoryStatus::wire).toList();
    /** A saved handoff records one moment of a session; two of them are never the same memory. */
    private static final Condition NOT_A_HANDOFF = MEMORIES.KIND.ne(AgentSessions.HANDOFF_KIND);

    /** A live memory and how close it is. */
    public record Match(UUID id, double similarity) {
    }

    /** A pair of live duplicates, the more similar first when sorted. */
    public record Pair(UUID first, UUID second, double similarity) {
    }

    /** The most recent live memory in the pool of a new memory with this type and session that it repeats, if any. */
    public Optional<Match> closest(WorkspaceTx tx, MemoryType type, String sessionId, String content, float[] vector) {
        String wording = Wording.canonical(content);
        for (var row : tx.dsl().select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.EMBEDDING).from(MEMORIES)
                .where(MEMORIES.WORDING_KEY.eq(Wording.key(content))).and(pool(type, sessionId))
                .and(MEMORIES.STATUS.in(LIVE)).and(NOT_A_HANDOFF)
                .orderBy(MEMORIES.CREATED_AT.desc()).limit(MAX_CANDIDATES).fetch()) {
            // The key is a hash: the content decides.
            if (Wording.canonical(row.get(MEMORIES.CONTENT)).equals(wording)) {
                return Optional.of(new Match(row.get(MEMORIES.ID), dot(vector, VectorCodec.decode(row.get(MEMORIES.EMBEDDING)))));
            }
        }
        return Optional.empty();
    }

    /** Every duplicate pair among the workspace's most recent {@code scanLimit} live memories, most similar first. */
    public List<Pair> pairs(WorkspaceTx tx, int scanLimit) {
        Map<String, List<UUID>> sameWording = new LinkedHashMap<>();
        for (var row : tx.dsl().select(MEMORIES.ID, MEMORIES.MEMORY_TYPE, MEMORIES.SESSION_ID, MEMORIES.CONTENT)
                .from(MEMORIES).where(MEMORIES.STATUS.in(LIVE)).and(NOT_A_HANDOFF)
                .orderBy(MEMORIES.CREATED_AT.desc()).limit(scanLimit).fetch()) {
            String type = row.get(MEMORIES.MEMORY_TYPE);
            String pool = MemoryType.NARRATIVE.wire().equals(type) ? type + "\u0000" + Objects.toString(row.get(MEMORIES.SESSION_ID), "")
                    : type;
            sameWording.computeIfAbsent(pool + "\u0000" + Wording.canonical(row.get(MEMORIES.CONTENT)), k -> new ArrayList<>())
                    .add(row.get(MEMORIES.ID));
        }
        List<UUID> grouped = sameWording.values().stream().filter(ids -> ids.size() > 1).flatMap(List::stream).toList();
        if (grouped.isEmpty()) {
            return List.of();
        }
        // Vectors only of the memories that share a wording with another: the rest cannot pair.
        Map<UUID, float[]> vectors = new HashMap<>();
        tx.dsl().select(MEMORIES.ID, MEMORIES.EMBEDDING).from(MEMORIES).where(MEMORIES.ID.in(grouped)).fetch()
                .forEach(r -> vectors.put(r.get(MEMORIES.ID), VectorCodec.decode(r.get(MEMORIES.EMBEDDING))));
        // Neighbours in each group, not every pair: a pass merges disjoint pairs, and n repeats of one wording
        // (written with dedupe off) would otherwise be n² comparisons on the command thread.
        List<Pair> pairs = new ArrayList<>();
        for (List<UUID> ids : sameWording.values()) {
            for (int i = 0; i + 1 < ids.size(); i++) {
                pairs.add(new Pair(ids.get(i), ids.get(i + 1), dot(vectors.get(ids.get(i)), vectors.get(ids.get(i + 1)))));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed());
        return pairs;
    }

    private static Condition pool(MemoryType type, String sessionId) {
        Condition sameType = MEMORIES.MEMORY_TYPE.eq(type.wire());
        if (type != MemoryType.NARRATIVE) {
            return sameType;
        }
        return sameType.and(sessionId == null ? MEMORIES.SESSION_ID.isNull() : MEMORIES.SESSION_ID.eq(sessionId));
    }

    /** Cosine of two L2-normalised vectors. */
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
