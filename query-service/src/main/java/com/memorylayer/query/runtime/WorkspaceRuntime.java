package com.memorylayer.query.runtime;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.query.filter.MemoryFacts;
import com.memorylayer.retrieval.embedding.VectorCodec;
import com.memorylayer.retrieval.search.DenseIndex;
import com.memorylayer.retrieval.search.LexicalIndex;
import com.memorylayer.retrieval.search.NeighbourContextSearch;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.retrieval.time.TimeWindow;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Record;
import tools.jackson.databind.json.JsonMapper;

/**
 * One workspace's in-process search state: its vectors, its BM25 index, and each memory's filterable facts and
 * session neighbours. All are derived from the workspace's {@code memories} table and kept current by
 * {@link #refresh()}, which reads only what changed above the last {@code change_seq} seen: memory rows written
 * or changed (every memory that exists is held, forgotten and invalidated ones too, so that a request may ask for
 * them by status) and erasure receipts, whose memories are dropped from every index. The two tables take their
 * {@code change_seq} from one sequence, so one counter follows both.
 */
public final class WorkspaceRuntime implements AutoCloseable {

    private static final int REFRESH_PAGE = 2_000;
    private static final long WARMING_RETRY_AFTER_SECONDS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UUID workspaceId;
    private final DSLContext dsl;
    private final DenseIndex dense;
    private final LexicalIndex lexical;
    private final Map<UUID, MemoryFacts> facts = new ConcurrentHashMap<>();
    private final SessionNeighbours neighbours = new SessionNeighbours();
    private final CreationDays creationDays = new CreationDays();
    private final int page;
    private long lastChangeSeq = 0;
    /** Caught up with the tables once: from then on a recall always finishes the refresh it needs. */
    private volatile boolean warm;
    private final AtomicBoolean warmingInBackground = new AtomicBoolean();
    private volatile long lastUsedNanos = System.nanoTime();
    /** Recalls using the runtime now, and whether it left the cache: guarded by {@link #leaseLock}. */
    private final Object leaseLock = new Object();
    private int leases;
    private boolean retired;
    private boolean closed;

    WorkspaceRuntime(UUID workspaceId, DSLContext workspaceDsl, int dimension) {
        this(workspaceId, workspaceDsl, dimension, REFRESH_PAGE);
    }

    /** @param page how many rows of each table one round trip reads */
    WorkspaceRuntime(UUID workspaceId, DSLContext workspaceDsl, int dimension, int page) {
        this.workspaceId = workspaceId;
        this.dsl = workspaceDsl;
        this.dense = new DenseIndex(dimension);
        this.lexical = new LexicalIndex();
        this.page = page;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    /** Brings the indexes up to the tables' current state. Serialised: one refresh at a time per workspace. */
    public synchronized void refresh() {
        refreshUntil(Long.MAX_VALUE, false);
    }

    /**
     * The refresh a recall makes. A warm runtime is brought up to date as by {@link #refresh}. A cold one is loaded for
     * at most {@code budget}; if that does not finish it, the load goes on on {@code warmer} (one background load a
     * runtime) and this recall, like every other one until it is done, answers 503 {@code workspace_warming} at
     * once: a million memories take tens of seconds to load, longer than a caller should hold a request open.
     */
    public void refreshForRecall(Duration budget, Executor warmer) {
        if (warm) {
            refresh();
            return;
        }
        if (warmingInBackground.get()) {
            throw warming();
        }
        synchronized (this) {
            if (refreshUntil(System.nanoTime() + budget.toNanos(), true)) {
                return;
            }
        }
        // The caller holds a lease, so the runtime is open; the background load holds one of its own until it is done.
        if (warmingInBackground.compareAndSet(false, true) && acquire()) {
            try {
                warmer.execute(() -> {
                    try {
                        refresh();
                    } finally {
                        warmingInBackground.set(false);
                        release();
                    }
                });
            } catch (RejectedExecutionException e) {
                warmingInBackground.set(false);
                release();
            }
        }
        throw warming();
    }

    /** Whether the runtime has caught up with the tables once. */
    public boolean warm() {
        return warm;
    }

    private ApiException warming() {
        return new ApiException(ErrorCode.WORKSPACE_WARMING, "this workspace's indexes are being loaded (" + size()
                + " memories so far); retry shortly").retryAfter(WARMING_RETRY_AFTER_SECONDS);
    }

    /** Pages through the changes after {@code lastChangeSeq}; false when {@code deadline} came first (if bounded). */
    private boolean refreshUntil(long deadline, boolean bounded) {
        while (true) {
            List<? extends Record> rows = dsl.select(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.EMBEDDING, MEMORIES.CHANGE_SEQ,
                            MEMORIES.TAGS, MEMORIES.KIND, MEMORIES.SESSION_ID, MEMORIES.METADATA, MEMORIES.CREATED_AT,
                            MEMORIES.STATUS, MEMORIES.LAYER, MEMORIES.MEMORY_TYPE, MEMORIES.PINNED)
                    .from(MEMORIES)
                    .where(MEMORIES.CHANGE_SEQ.gt(lastChangeSeq))
                    .orderBy(MEMORIES.CHANGE_SEQ)
                    .limit(page)
                    .fetch();
            List<? extends Record> erased = dsl.select(ERASURES.MEMORY_ID, ERASURES.CHANGE_SEQ)
                    .from(ERASURES)
                    .where(ERASURES.CHANGE_SEQ.gt(lastChangeSeq))
                    .orderBy(ERASURES.CHANGE_SEQ)
                    .limit(page)
                    .fetch();
            // A full page may have more behind it, which can lie below the other table's later changes: apply both in
            // sequence order only up to the end of the shorter-reaching full page, and read on from there.
            long upTo = Long.MAX_VALUE;
            if (rows.size() == page) {
                upTo = rows.getLast().get(MEMORIES.CHANGE_SEQ);
            }
            if (erased.size() == page) {
                upTo = Math.min(upTo, erased.getLast().get(ERASURES.CHANGE_SEQ));
            }
            int m = 0;
            int e = 0;
            while (true) {
                long memorySeq = m < rows.size() ? rows.get(m).get(MEMORIES.CHANGE_SEQ) : Long.MAX_VALUE;
                long erasureSeq = e < erased.size() ? erased.get(e).get(ERASURES.CHANGE_SEQ) : Long.MAX_VALUE;
                long next = Math.min(memorySeq, erasureSeq);
                if (next == Long.MAX_VALUE || next > upTo) {
                    break;
                }
                if (memorySeq < erasureSeq) {
                    hold(rows.get(m++));
                } else {
                    erase(erased.get(e++).get(ERASURES.MEMORY_ID));
                }
                lastChangeSeq = next;
            }
            if (rows.size() < page && erased.size() < page) {
                warm = true;
                return true;
            }
            if (bounded && System.nanoTime() - deadline > 0) {
                return false;
            }
        }
    }

    /** Holds a memory as its row now is, whatever its status. */
    private void hold(Record row) {
        UUID id = row.get(MEMORIES.ID);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = JSON.readValue(row.get(MEMORIES.METADATA).data(), Map.class);
        if (!facts.containsKey(id)) {
            neighbours.append(row.get(MEMORIES.SESSION_ID), id);
        }
        MemoryFacts held = new MemoryFacts(Set.copyOf(Arrays.asList(row.get(MEMORIES.TAGS))), row.get(MEMORIES.KIND),
                row.get(MEMORIES.SESSION_ID), metadata, row.get(MEMORIES.CREATED_AT).toInstant(),
                MemoryStatus.of(row.get(MEMORIES.STATUS)), MemoryLayer.of(row.get(MEMORIES.LAYER)),
                MemoryType.of(row.get(MEMORIES.MEMORY_TYPE)), row.get(MEMORIES.PINNED));
        MemoryFacts before = facts.put(id, held);
        if (before == null || !before.createdAt().equals(held.createdAt())) {
            if (before != null) {
                creationDays.remove(id, before.createdAt());
            }
            creationDays.add(id, held.createdAt());
        }
        dense.put(id, VectorCodec.decode(row.get(MEMORIES.EMBEDDING)));
        lexical.put(id, row.get(MEMORIES.CONTENT));
    }

    /** Drops an erased memory from everything the runtime holds; its session neighbours close the gap. */
    private void erase(UUID id) {
        MemoryFacts gone = facts.remove(id);
        if (gone != null) {
            neighbours.remove(gone.sessionId(), id);
            creationDays.remove(id, gone.createdAt());
        }
        dense.remove(id);
        lexical.remove(id);
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

    /**
     * The context search over what a dense search with the same query and filter found, at least its best
     * {@link NeighbourContextSearch#candidatesFor}{@code (k)}: so a recall running both channels scans once.
     */
    public List<ScoredId> searchContext(List<ScoredId> denseCandidates, float[] query, int k, double alpha) {
        touch();
        return NeighbourContextSearch.rescore(dense, neighbours, denseCandidates, query, k, alpha);
    }

    /**
     * Dense search among the memories created inside {@code window} that {@code accept} takes: the same answer as a
     * scan filtered by the window, but when the window's days hold fewer than a quarter of the memories only those
     * are scored, instead of every memory's facts being tested.
     */
    public List<ScoredId> searchDenseWithin(TimeWindow window, float[] query, int k, Predicate<UUID> accept) {
        touch();
        // Facts read once: a refresh elsewhere may drop the memory between two reads.
        Predicate<UUID> inside = id -> {
            MemoryFacts memory = facts.get(id);
            return memory != null && window.contains(memory.createdAt()) && (accept == null || accept.test(id));
        };
        List<UUID> touching = creationDays.touching(window, Math.max(k, dense.size() / 4));
        return touching == null ? dense.search(query, k, inside) : dense.searchAmong(touching, query, k, inside);
    }

    /** The filterable facts of a memory, whatever its status, or null when the runtime does not hold it (erased or unknown). */
    public MemoryFacts facts(UUID id) {
        return facts.get(id);
    }

    /** The last change of the workspace's tables this runtime has applied. */
    public synchronized long lastChangeSeq() {
        return lastChangeSeq;
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

    /** Marks one more user; false once the runtime is closed. Taken under the cache's lock, so never after retire. */
    boolean acquire() {
        synchronized (leaseLock) {
            if (closed) {
                return false;
            }
            leases++;
            return true;
        }
    }

    /** One user is done; the last one closes a runtime the cache has let go of. */
    void release() {
        synchronized (leaseLock) {
            leases--;
            if (retired && leases == 0) {
                closeNow();
            }
        }
    }

    /**
     * The cache let go of the runtime: it closes now if no recall uses it, else when the last one is done. Closing
     * under a running search would fail it ("this Analyzer is closed").
     */
    void retire() {
        synchronized (leaseLock) {
            retired = true;
            if (leases == 0) {
                closeNow();
            }
        }
    }

    private void closeNow() {
        if (!closed) {
            closed = true;
            lexical.close();
        }
    }

    @Override
    public void close() {
        retire();
    }
}
