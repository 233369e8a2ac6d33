package com.memorylayer.query.recall;

import com.memorylayer.schemas.memory.MemoryLayer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code recall/hints}: a recall that answers with a title line per memory and the entities it names rather than
 * its content, so an agent can see whether it knows something before pulling it in whole (and recall the ids it
 * wants). The recall is an ordinary one and counts its memories as accessed.
 */
@Component
class RecallHints {

    static final int DEFAULT_HINT_LENGTH = 60;
    static final int MIN_HINT_LENGTH = 10;
    static final int MAX_HINT_LENGTH = 500;
    /** As many entity names as a glance can take in; the engine shows five too. */
    static final int ENTITIES_PER_HINT = 5;

    private final Recaller recaller;
    private final MentionedEntities entities;

    RecallHints(Recaller recaller, MentionedEntities entities) {
        this.recaller = recaller;
        this.entities = entities;
    }

    record Hint(UUID id, String hint, MemoryLayer layer, double importance, OffsetDateTime createdAt, List<String> entities,
            double score) {
    }

    record Answer(String query, List<Hint> hints, long tookMs) {
    }

    Answer hints(UUID workspaceId, RecallRequest request, int hintLength) {
        long started = System.nanoTime();
        List<RecallResult> results = recaller.recall(workspaceId, request).results();
        Map<UUID, List<String>> named = entities.of(workspaceId, results.stream().map(RecallResult::id).toList(), ENTITIES_PER_HINT);
        List<Hint> hints = results.stream().map(r -> new Hint(r.id(), hint(r.content(), hintLength), r.layer(), r.importance(),
                r.createdAt(), named.getOrDefault(r.id(), List.of()), r.score())).toList();
        return new Answer(request.query(), hints, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The first non-blank line of {@code content}, trimmed, cut to {@code length} characters with {@code "..."}
     * after it when cut.
     */
    static String hint(String content, int length) {
        return Excerpt.of(Excerpt.firstLine(content), length);
    }
}
