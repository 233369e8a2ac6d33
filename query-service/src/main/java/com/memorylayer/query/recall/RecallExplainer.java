package com.memorylayer.query.recall;

import com.memorylayer.entities.recall.EntityChannel;
import com.memorylayer.retrieval.search.RankingSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * {@code recall/explain}: a recall with how it ranked — the query's intent, the settings it ran with, how many
 * candidates each channel found, and per result every stage's rank and score. It is side-effect free: its results
 * are not counted as accessed ({@link Recaller#explain}), so explaining a recall never changes a later one.
 */
@Component
class RecallExplainer {

    private final Recaller recaller;

    RecallExplainer(Recaller recaller) {
        this.recaller = recaller;
    }

    /** One channel's view of a result: its rank there (1 = best) and its raw score. */
    record ChannelStage(int rank, double score) {
    }

    /**
     * @param channels     the channels that found it
     * @param fused        its fused score before the session boost
     * @param sessionBoost what its session added, null when the boost did not run
     * @param rerank       the cross-encoder's score, null when none ran
     * @param score        the final score: fused plus boost over the best possible, or the rerank score
     */
    record Explained(int rank, UUID id, String content, Map<String, ChannelStage> channels, double fused, Double sessionBoost,
            Double rerank, double score) {
    }

    record Settings(String mode, int limit, Double minScore, String fusion, Map<String, Double> weights, int candidates,
            double sessionBoostWeight, boolean rerank, String reranker, List<String> channels) {
    }

    record Counts(Map<String, Integer> candidates, int returned) {
    }

    /** @param timeWindow the time the query names, resolved, when the time channel ran and found one */
    record Answer(String query, String intent, Settings settings, Counts counts, List<Explained> results,
            List<Map<String, Object>> entities, Map<String, Object> timeWindow, Map<String, Boolean> sideEffects, long tookMs) {
    }

    Answer explain(UUID workspaceId, RecallRequest request) {
        RecallTrace trace = recaller.explain(workspaceId, request);
        RecallTrace.Settings ran = trace.settings();
        List<RecallResult> results = trace.response().results();
        List<Explained> explained = IntStream.range(0, results.size()).mapToObj(i -> explained(i + 1, results.get(i))).toList();
        return new Answer(request.query(), QueryIntent.of(request.query()).wire(),
                new Settings(request.mode().wire(), request.limit(), request.minScore(), ran.fusion(), ran.weights(),
                        ran.candidates(), ran.sessionBoostWeight(), ran.rerank(), ran.reranker(), ran.channels()),
                new Counts(trace.channelCandidates(), results.size()), explained, trace.response().entities(),
                trace.response().timeWindow(), Map.of("access_recorded", false), trace.response().tookMs());
    }

    private static Explained explained(int rank, RecallResult result) {
        RecallResult.Explanation why = result.explanation();
        Map<String, ChannelStage> channels = new LinkedHashMap<>();
        stage(channels, RankingSettings.DENSE, why.denseRank(), why.denseScore());
        stage(channels, RankingSettings.LEXICAL, why.lexicalRank(), why.lexicalScore());
        stage(channels, RankingSettings.CONTEXT, why.contextRank(), why.contextScore());
        stage(channels, EntityChannel.NAME, why.entityRank(), why.entityScore());
        stage(channels, Recaller.TIME, why.timeRank(), why.timeScore());
        return new Explained(rank, result.id(), RecallComparison.shortened(result.content()), channels, why.fusedScore(),
                why.sessionBoost(), why.rerankScore(), result.score());
    }

    private static void stage(Map<String, ChannelStage> channels, String name, Integer rank, Float score) {
        if (rank != null) {
            channels.put(name, new ChannelStage(rank, score == null ? 0 : score));
        }
    }
}
