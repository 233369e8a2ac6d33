package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.entities.recall.EntityChannel;
import com.memorylayer.query.access.AccessRecorder;
import com.memorylayer.query.access.SessionQueryRecorder;
import com.memorylayer.query.filter.MemoryFacts;
import com.memorylayer.query.filter.SelectionMatcher;
import com.memorylayer.query.rerank.RerankStage;
import com.memorylayer.query.runtime.WorkspaceRuntime;
import com.memorylayer.query.runtime.WorkspaceRuntimeCache;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.retrieval.search.FusedHit;
import com.memorylayer.retrieval.search.RankFusion;
import com.memorylayer.retrieval.search.RankingSettings;
import com.memorylayer.retrieval.search.ScoredId;
import com.memorylayer.retrieval.search.NeighbourContextSearch;
import com.memorylayer.retrieval.search.SessionBoost;
import com.memorylayer.retrieval.search.WeightedScoreFusion;
import com.memorylayer.retrieval.time.QueryTimeResolver;
import com.memorylayer.retrieval.time.TimeWindow;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recall pipeline: wait for the caller's write if asked, bring the workspace runtime up to date, search the
 * dense, session-context and lexical channels, fuse them, lift candidates whose session matched well, read the
 * winners' rows from Postgres (the system of record — a memory erased, forgotten or otherwise no longer matching
 * the request a moment ago is not returned even if the runtime still held it as it was), then rerank them when a
 * cross-encoder is configured. The ids returned are handed to the {@link AccessRecorder}, which counts them off
 * the request path — except by {@link #explain}.
 */
@Service
class Recaller {

    /** The time channel: the memories of the window the query names, by dense score. */
    static final String TIME = "time";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SessionBoost NO_BOOST = new SessionBoost(0);

    private final WorkspaceRuntimeCache runtimes;
    private final TextEmbedder embedder;
    private final WorkspaceDsl workspaces;
    private final RankingSettings ranking;
    /**
     * Weighted fusion adds only the channels a recall ran, so one fusion with every channel's weight serves every
     * recall; reciprocal rank fusion weighs them alike.
     */
    private final RankFusion fusion;
    /** Each channel's weight in weighted fusion. */
    private final Map<String, Double> channelWeights;
    private final SessionBoost sessionBoost;
    private final RerankStage reranker;
    private final AccessRecorder accesses;
    private final OwnerRecallSlots ownerSlots;
    private final EntityRecall entities;
    private final SessionQueryRecorder sessionQueries;
    private final RecallStageTimers stages;

    /** With the entity channel's shipped settings. */
    Recaller(WorkspaceRuntimeCache runtimes, TextEmbedder embedder, RecallProperties properties, WorkspaceDsl workspaces,
            RerankStage reranker, AccessRecorder accesses, OwnerRecallSlots ownerSlots) {
        this(runtimes, embedder, properties, workspaces, reranker, accesses, ownerSlots,
                new EntityRecall(EntityRecallProperties.defaults()), new SessionQueryRecorder(false, java.time.Clock.systemUTC()),
                TimeRecallProperties.defaults(), RecallStageTimers.unread());
    }

    @org.springframework.beans.factory.annotation.Autowired
    Recaller(WorkspaceRuntimeCache runtimes, TextEmbedder embedder, RecallProperties properties, WorkspaceDsl workspaces,
            RerankStage reranker, AccessRecorder accesses, OwnerRecallSlots ownerSlots, EntityRecall entities,
            SessionQueryRecorder sessionQueries, TimeRecallProperties time, RecallStageTimers stages) {
        this.stages = stages;
        this.entities = entities;
        this.sessionQueries = sessionQueries;
        this.ownerSlots = ownerSlots;
        this.reranker = reranker;
        this.accesses = accesses;
        this.runtimes = runtimes;
        this.embedder = embedder;
        this.workspaces = workspaces;
        this.ranking = properties.ranking();
        this.channelWeights = Map.of(RankingSettings.DENSE, ranking.denseWeight(), RankingSettings.LEXICAL,
                1 - ranking.denseWeight(), RankingSettings.CONTEXT, ranking.contextWeight(), EntityChannel.NAME, entities.weight(),
                TIME, time.weight());
        this.fusion = ranking.fusion() == RankingSettings.Fusion.RRF ? ranking.rankFusion() : new WeightedScoreFusion(channelWeights);
        this.sessionBoost = ranking.sessionBoost();
    }

    RecallResponse recall(UUID workspaceId, RecallRequest request) {
        return run(workspaceId, request, true).response();
    }

    /**
     * The same recall, with what it saw on the way, and counted as no access: looking at how recall ranks must not
     * change what it ranks by (access counts feed importance and consolidation).
     */
    RecallTrace explain(UUID workspaceId, RecallRequest request) {
        return run(workspaceId, request, false);
    }

    private RecallTrace run(UUID workspaceId, RecallRequest request, boolean recordAccess) {
        // Leased for the whole recall: a flood of other workspaces may evict it meanwhile, and it must stay open.
        try (WorkspaceRuntimeCache.Lease lease = runtimes.lease(workspaceId);
                OwnerRecallSlots.Slot slot = ownerSlots.take(lease.owner())) {
            return run(workspaceId, request, lease, recordAccess);
        }
    }

    private RecallTrace run(UUID workspaceId, RecallRequest request, WorkspaceRuntimeCache.Lease lease, boolean recordAccess) {
        long started = System.nanoTime();
        WorkspaceRuntime runtime = lease.runtime();
        stages.run("refresh", lease::refresh);
        int candidates = Math.max(ranking.candidates(), request.limit());
        // The runtime holds every memory, whatever its status; the request's filters (with the default statuses) and
        // its mode decide which of them may rank.
        MemorySelection filters = request.filters();
        Set<MemoryType> types = request.mode().types();
        Predicate<UUID> accept = id -> {
            MemoryFacts facts = runtime.facts(id);
            return facts != null && types.contains(facts.memoryType()) && SelectionMatcher.matches(filters, facts);
        };
        Map<String, List<ScoredId>> channels = new LinkedHashMap<>();
        boolean dense = request.channels().contains(RankingSettings.DENSE);
        boolean context = request.channels().contains(RankingSettings.CONTEXT);
        OffsetDateTime asked = request.referenceDate() == null ? OffsetDateTime.now(ZoneOffset.UTC) : request.referenceDate();
        Optional<TimeWindow> window = request.channels().contains(TIME)
                ? QueryTimeResolver.resolve(request.query(), asked.toLocalDate(), asked.getOffset()) : Optional.empty();
        // One embedding serves every vector channel; a lexical-only recall needs none.
        float[] queryVector = dense || context || window.isPresent()
                ? stages.time("query_embedding", () -> embedder.embedQuery(request.query())) : null;
        if (dense || context) {
            // One scan serves both vector channels: dense's best are the first of the longer list context re-scores,
            // in the same order, since both rank by score, then id, among the same accepted memories.
            int scanned = Math.max(dense ? candidates : 0, context ? NeighbourContextSearch.candidatesFor(candidates) : 0);
            List<ScoredId> nearest = stages.time("dense", () -> runtime.searchDense(queryVector, scanned, accept));
            if (dense) {
                channels.put(RankingSettings.DENSE, nearest.subList(0, Math.min(candidates, nearest.size())));
            }
            if (context) {
                channels.put(RankingSettings.CONTEXT, stages.time("context",
                        () -> runtime.searchContext(nearest, queryVector, candidates, ranking.contextAlpha())));
            }
        }
        if (request.channels().contains(RankingSettings.LEXICAL)) {
            channels.put(RankingSettings.LEXICAL, stages.time("lexical", () -> runtime.searchLexical(request.query(), candidates, accept)));
        }
        List<Map<String, Object>> matchedEntities = null;
        if (request.channels().contains(EntityChannel.NAME)) {
            EntityChannel.Result found = stages.time("entity", () -> entities.search(workspaces.in(WorkspaceSchemaName.of(workspaceId)),
                    request.query(), candidates, accept));
            channels.put(EntityChannel.NAME, found.hits().stream().map(h -> new ScoredId(h.memoryId(), h.score())).toList());
            matchedEntities = found.matched().stream()
                    .map(e -> Map.<String, Object>of("id", e.id(), "name", e.name(), "mention_count", e.mentionCount())).toList();
        }
        if (window.isPresent()) {
            channels.put(TIME, stages.time(TIME, () -> runtime.searchDenseWithin(window.get(), queryVector, candidates, accept)));
        }
        boolean rerank = request.rerank() && reranker.isActive();
        int kept = rerank ? Math.max(request.limit(), reranker.candidates()) : request.limit();
        SessionBoost boost = request.sessionBoost() ? sessionBoost : NO_BOOST;
        // Fuse the full candidate list, not just the limit: a weak candidate in the best session can be lifted into it.
        List<FusedHit> fused = stages.time("fusion", () -> fusion.fuse(channels, boost.weight() > 0 ? Math.max(kept, candidates) : kept));
        List<SessionBoost.Boosted> ranked = stages.time("session_boost", () -> boost.apply(fused, id -> sessionOf(runtime, id)));
        ranked = ranked.subList(0, Math.min(kept, ranked.size()));
        List<SessionBoost.Boosted> shortlist = ranked;
        List<RecallResult> results = stages.time("row_fetch", () -> hydrate(workspaceId, shortlist, filters.condition().and(
                MEMORIES.MEMORY_TYPE.in(types.stream().map(MemoryType::wire).toList())),
                fusion.bestPossibleScore(channels.keySet()) * boost.scale(), boost.weight() > 0));
        if (rerank) {
            List<RecallResult> hydrated = results;
            results = stages.time("rerank", () -> rerank(request.query(), hydrated));
        }
        results = results.subList(0, Math.min(request.limit(), results.size()));
        if (request.minScore() != null) {
            results = results.stream().filter(r -> r.score() >= request.minScore()).toList();
        }
        if (recordAccess) {
            accesses.record(workspaceId, results.stream().map(RecallResult::id).toList());
            sessionQueries.record(workspaceId, request.sessionId(), request.query(), results.size());
        }
        String rerankedBy = rerank ? reranker.name() : RerankStage.NONE;
        long took = System.nanoTime() - started;
        stages.recorded(took);
        RecallResponse response = new RecallResponse(results, rerankedBy, took / 1_000_000,
                matchedEntities, window.map(w -> Map.<String, Object>of("from", w.from(), "to", w.to(), "expression", w.expression()))
                        .orElse(null));
        Map<String, Integer> channelCandidates = new LinkedHashMap<>();
        channels.forEach((name, hits) -> channelCandidates.put(name, hits.size()));
        return new RecallTrace(response, channelCandidates, new RecallTrace.Settings(
                ranking.fusion().name().toLowerCase(Locale.ROOT), weights(channels.keySet()), candidates,
                boost.weight(), rerank, rerankedBy, List.copyOf(channels.keySet())));
    }

    /** Each channel's fusion weight, as weighted fusion uses them; reciprocal rank fusion weighs every channel alike. */
    private Map<String, Double> weights(Set<String> channels) {
        if (!(fusion instanceof WeightedScoreFusion)) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        channels.forEach(channel -> weights.put(channel, channelWeights.get(channel)));
        return weights;
    }

    /** Re-scores the first candidates with the cross-encoder; the rest keep their fused order behind them. */
    private List<RecallResult> rerank(String query, List<RecallResult> results) {
        int n = Math.min(reranker.candidates(), results.size());
        List<RecallResult> head = results.subList(0, n);
        double[] scores = reranker.score(query, head.stream().map(RecallResult::content).toList());
        List<RecallResult> reranked = new ArrayList<>(results.size());
        for (int i = 0; i < n; i++) {
            reranked.add(head.get(i).reranked(scores[i]));
        }
        reranked.sort(java.util.Comparator.comparingDouble(RecallResult::score).reversed());
        reranked.addAll(results.subList(n, results.size()));
        return reranked;
    }

    /** The columns a result shows, as {@link #result} reads them. */
    static final List<org.jooq.SelectField<?>> RESULT_FIELDS = List.of(MEMORIES.ID, MEMORIES.CONTENT, MEMORIES.KIND,
            MEMORIES.TAGS, MEMORIES.METADATA, MEMORIES.SESSION_ID, MEMORIES.IMPORTANCE, MEMORIES.CREATED_AT, MEMORIES.STATUS,
            MEMORIES.LAYER, MEMORIES.MEMORY_TYPE, MEMORIES.PINNED, MEMORIES.VERSION);

    /** One memory's row as a result. */
    static RecallResult result(Record row, double score, RecallResult.Explanation explanation) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = JSON.readValue(row.get(MEMORIES.METADATA).data(), Map.class);
        return new RecallResult(row.get(MEMORIES.ID), row.get(MEMORIES.CONTENT), score, row.get(MEMORIES.KIND),
                Arrays.asList(row.get(MEMORIES.TAGS)), metadata, row.get(MEMORIES.SESSION_ID), row.get(MEMORIES.IMPORTANCE),
                row.get(MEMORIES.CREATED_AT), MemoryStatus.of(row.get(MEMORIES.STATUS)), MemoryLayer.of(row.get(MEMORIES.LAYER)),
                MemoryType.of(row.get(MEMORIES.MEMORY_TYPE)), row.get(MEMORIES.PINNED), row.get(MEMORIES.VERSION), explanation);
    }

    private static String sessionOf(WorkspaceRuntime runtime, UUID id) {
        MemoryFacts facts = runtime.facts(id);
        return facts == null ? null : facts.sessionId();
    }

    /** The winners' rows, in rank order; a winner whose row is gone or no longer {@code matches} is skipped. */
    private List<RecallResult> hydrate(UUID workspaceId, List<SessionBoost.Boosted> ranked, Condition matches, double best,
            boolean explainBoost) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        List<FusedHit> hits = ranked.stream().map(SessionBoost.Boosted::hit).toList();
        DSLContext dsl = workspaces.in(WorkspaceSchemaName.of(workspaceId));
        Map<UUID, Record> rows = dsl.select(RESULT_FIELDS)
                .from(MEMORIES)
                .where(MEMORIES.ID.in(hits.stream().map(FusedHit::id).toList()))
                .and(matches)
                .fetch().stream().collect(Collectors.toMap(r -> r.get(MEMORIES.ID), Function.identity()));
        List<RecallResult> results = new ArrayList<>(hits.size());
        for (SessionBoost.Boosted boosted : ranked) {
            FusedHit hit = boosted.hit();
            Record row = rows.get(hit.id());
            if (row == null) {
                continue;
            }
            results.add(result(row, boosted.score() / best,
                    new RecallResult.Explanation(hit.ranks().get(RankingSettings.DENSE), hit.channelScores().get(RankingSettings.DENSE),
                            hit.ranks().get(RankingSettings.LEXICAL), hit.channelScores().get(RankingSettings.LEXICAL), hit.ranks().get(RankingSettings.CONTEXT),
                            hit.channelScores().get(RankingSettings.CONTEXT), hit.ranks().get(EntityChannel.NAME),
                            hit.channelScores().get(EntityChannel.NAME), hit.ranks().get(TIME), hit.channelScores().get(TIME),
                            hit.score(), explainBoost ? boosted.boost() : null, null)));
        }
        return results;
    }
}
