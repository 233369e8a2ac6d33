package com.memorylayer.query.recall;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code recall/compare}: two recalls side by side — the memories both found, those only one found, and the
 * entities each side's memories name. Both are ordinary recalls and count their memories as accessed.
 */
@Component
class RecallComparison {

    static final int DEFAULT_LIMIT = 8;
    /** Enough of a memory to recognise it; the engine cuts compared memories to 200 characters too. */
    static final int CONTENT_CHARS = 200;

    private final Recaller recaller;
    private final MentionedEntities entities;

    RecallComparison(Recaller recaller, MentionedEntities entities) {
        this.recaller = recaller;
        this.entities = entities;
    }

    /** A memory one side found. */
    record Found(UUID id, String content, double score) {
    }

    /** A memory both sides found, with each side's score. */
    record FoundByBoth(UUID id, String content, double scoreA, double scoreB) {
    }

    record Answer(String queryA, String queryB, List<FoundByBoth> overlap, List<Found> onlyA, List<Found> onlyB,
            List<NamedCount> entitiesA, List<NamedCount> entitiesB, long tookMs) {
    }

    Answer compare(UUID workspaceId, RecallRequest a, RecallRequest b) {
        long started = System.nanoTime();
        List<RecallResult> left = recaller.recall(workspaceId, a).results();
        List<RecallResult> right = recaller.recall(workspaceId, b).results();
        Map<UUID, RecallResult> rightById = right.stream().collect(Collectors.toMap(RecallResult::id, Function.identity()));
        Map<UUID, RecallResult> leftById = left.stream().collect(Collectors.toMap(RecallResult::id, Function.identity()));
        // Each list keeps its side's rank order; the overlap follows side A's.
        List<FoundByBoth> overlap = left.stream().filter(r -> rightById.containsKey(r.id()))
                .map(r -> new FoundByBoth(r.id(), shortened(r.content()), r.score(), rightById.get(r.id()).score())).toList();
        List<Found> onlyA = left.stream().filter(r -> !rightById.containsKey(r.id())).map(RecallComparison::found).toList();
        List<Found> onlyB = right.stream().filter(r -> !leftById.containsKey(r.id())).map(RecallComparison::found).toList();
        return new Answer(a.query(), b.query(), overlap, onlyA, onlyB,
                entities.counted(workspaceId, leftById.keySet()), entities.counted(workspaceId, rightById.keySet()),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Found found(RecallResult result) {
        return new Found(result.id(), shortened(result.content()), result.score());
    }

    /** At most {@link #CONTENT_CHARS} characters, "..." marking a cut. */
    static String shortened(String content) {
        return Excerpt.of(content, CONTENT_CHARS - Excerpt.MARK.length());
    }
}
