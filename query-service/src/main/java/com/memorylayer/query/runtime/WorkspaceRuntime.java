package com.memorylayer.query.runtime;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.query.filter.MemoryFacts;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.retrieval.search.DenseIndex;
import com.memorylayer.retrieval.search.LexicalIndex;
import com.memorylayer.retrieval.search.NeighbourContextSearch;
import com.memorylayer.retrieval.search.ScoredId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * One workspace's in-process search state: its vectors, its BM25 index, and each live memory's filterable facts
 * and session neighbours. All are derived from the workspace's {@code memories} table and kept current by
 * {@link #refresh()}, which reads only the rows whose {@code change_seq} is above the last one seen — inserts,
 * edits and soft deletes alike.
 */
public final class WorkspaceRuntime implements AutoCloseable {

    private static final int REFRESH_PAGE = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UUID workspaceId;
    private final DSLContext dsl;
    private final DenseIndex dense;
    private final LexicalIndex lexical;
    private final Map<UUID, MemoryFacts> facts = new ConcurrentHashMap<>();
    private final SessionNeighbours neighbours = new SessionNeighbours();
    private long lastChangeSeq = 0;
    private volatile long lastUsedNanos = System.nanoTime();

    WorkspaceRuntime(UUID workspaceId, DSLContext workspaceDsl, int dimension) {
        this.workspaceId = workspaceId;
        this.dsl = workspaceDsl;
        this.dense = new DenseIndex(dimension);
        this.lexical = new LexicalIndex();
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    /** Brings the indexes up to the table's current state. Serialised: one refresh at a time per workspace. */
    public synchronized void refresh() {
        while (true) {
            var rows = dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.EMBEDDING, MEMORIES.DELETED_AT, MEMORIES.CHANGE_SEQ,
                            MEMORIES.TAGS, MEMORIES.KIND, MEMORIES.SESSION_ID, MEMORIES.METADATA, MEMORIES.CREATED_AT)
                    .from(MEMORIES)
                    .where(MEMORIES.CHANGE_SEQ.gt(lastChangeSeq))
                    .orderBy(MEMORIES.CHANGE_SEQ)
                    .limit(REFRESH_PAGE)
                    .fetch();
            for (var row : rows) {
                UUID id = row.get(MEMORIES.ID);
                if (row.get(MEMORIES.DELETED_AT) != null) {
                    facts.remove(id);
                    dense.remove(id);
                    lexical.remove(id);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> metadata = JSON.readValue(row.get(MEMORIES.METADATA).data(), Map.class);
                    if (!facts.containsKey(id)) {
                        neighbours.append(row.get(MEMORIES.SESSION_ID), id);
                    }
                    facts.put(id, new MemoryFacts(Set.copyOf(Arrays.asList(row.get(MEMORIES.TAGS))), row.get(MEMORIES.KIND),
                            row.get(MEMORIES.SESSION_ID), metadata, row.get(MEMORIES.CREATED_AT).toInstant()));
                    dense.put(id, VectorCodec.decode(row.get(MEMORIES.EMBEDDING)));
                    lexical.put(id, row.get(MEMORIES.CONTENT));
                }
                lastChangeSeq = row.get(MEMORIES.CHANGE_SEQ);
            }
            if (rows.size() < REFRESH_PAGE) {
                return;
            }
        }
    }

    public List<ScoredId> searchDense(float[] query, int k) {
        return searchDense(query, k, null);
    }

    public List<ScoredId> searchLexical(String query, int k) {
        return searchLexical(query, k, null);
    }

    /** @param accept only ids it accepts are ranked; null accepts all */
    public List<ScoredId> searchDense(float[] query, int k, Predicate<UUID> accept) {
        touch();
        return dense.search(query, k, accept);
    }

    public List<ScoredId> searchLexical(String query, int k, Predicate<UUID> accept) {
        touch();
        return lexical.search(query, k, accept);
    }

    /** Dense search with each memory read beside its session neighbours; see {@link NeighbourContextSearch}. */
    public List<ScoredId> searchContext(float[] query, int k, Predicate<UUID> accept, double alpha) {
        touch();
        return NeighbourContextSearch.search(dense, neighbours, query, k, accept, alpha);
    }

    /** The filterable facts of a live memory, or null when the runtime does not hold it. */
    public MemoryFacts facts(UUID id) {
        return facts.get(id);
    }

    public int size() {
        return dense.size();
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    @Override
    public void close() {
        lexical.close();
    }
}
