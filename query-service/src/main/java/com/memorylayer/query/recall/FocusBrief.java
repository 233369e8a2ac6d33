package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code recall/brief}: what a recall's best memories are about at a glance — when they were written, which layers,
 * types, statuses, sources, kinds, tags and entities dominate, the key memories, and follow-up queries built from
 * the top entities and tags. Everything is counted from the results; no model writes any of it, so the same
 * memories always give the same brief. The recall is an ordinary one and counts its memories as accessed.
 */
@Component
class FocusBrief {

    static final int DEFAULT_LIMIT = 8;
    static final int KEY_MEMORIES = 6;
    static final int MAX_SUGGESTIONS = 6;
    static final int TOP_ENTITIES = 6;
    private static final int SUGGESTED_ENTITIES = 3;
    private static final int SUGGESTED_TAGS = 2;
    private static final int SUMMARY_CONTENT_CHARS = 110;

    private final Recaller recaller;
    private final MentionedEntities entities;
    private final WorkspaceDsl workspaces;

    FocusBrief(Recaller recaller, MentionedEntities entities, WorkspaceDsl workspaces) {
        this.recaller = recaller;
        this.entities = entities;
        this.workspaces = workspaces;
    }

    record TimeWindow(OffsetDateTime from, OffsetDateTime to) {
    }

    record KeyMemory(UUID id, String content, MemoryLayer layer, MemoryType memoryType, MemoryStatus status, double importance,
            OffsetDateTime createdAt, double score) {
    }

    record Answer(String query, String summary, int resultCount, TimeWindow timeWindow, List<NamedCount> layers,
            List<NamedCount> memoryTypes, List<NamedCount> statuses, List<NamedCount> sources, List<NamedCount> kinds,
            List<NamedCount> tags, List<NamedCount> entities, List<KeyMemory> keyMemories, List<String> suggestedQueries,
            long tookMs) {
    }

    Answer brief(UUID workspaceId, RecallRequest request) {
        long started = System.nanoTime();
        List<RecallResult> results = recaller.recall(workspaceId, request).results();
        List<UUID> ids = results.stream().map(RecallResult::id).toList();
        List<NamedCount> layers = NamedCount.tally(results.stream().map(r -> r.layer().wire()).toList());
        List<NamedCount> types = NamedCount.tally(results.stream().map(r -> r.memoryType().wire()).toList());
        List<NamedCount> statuses = NamedCount.tally(results.stream().map(r -> r.status().wire()).toList());
        List<NamedCount> kinds = NamedCount.tally(results.stream().map(RecallResult::kind).toList());
        List<NamedCount> tags = NamedCount.tally(results.stream().flatMap(r -> r.tags().stream()).toList());
        List<NamedCount> sources = NamedCount.tally(sources(workspaceId, ids));
        List<NamedCount> named = entities.counted(workspaceId, ids);
        named = named.subList(0, Math.min(TOP_ENTITIES, named.size()));
        TimeWindow window = results.isEmpty() ? null : new TimeWindow(
                results.stream().map(RecallResult::createdAt).min(Comparator.naturalOrder()).orElseThrow(),
                results.stream().map(RecallResult::createdAt).max(Comparator.naturalOrder()).orElseThrow());
        List<KeyMemory> key = results.stream().limit(KEY_MEMORIES).map(r -> new KeyMemory(r.id(),
                RecallComparison.shortened(r.content()), r.layer(), r.memoryType(), r.status(), r.importance(), r.createdAt(),
                r.score())).toList();
        return new Answer(request.query(), summary(request.query(), results, window, layers, named), results.size(), window,
                layers, types, statuses, sources, kinds, tags, named, key, suggestions(request.query(), named, tags, !results.isEmpty()),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Where each memory came from (the API, an ingest run, an import...), which a recall result does not carry. */
    private List<String> sources(UUID workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> byId = workspaces.in(WorkspaceSchemaName.of(workspaceId)).select(MEMORIES.ID, MEMORIES.SOURCE)
                .from(MEMORIES).where(MEMORIES.ID.in(ids)).fetchMap(MEMORIES.ID, MEMORIES.SOURCE);
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    static String summary(String query, List<RecallResult> results, TimeWindow window, List<NamedCount> layers,
            List<NamedCount> entities) {
        StringBuilder summary = new StringBuilder("Recalled ").append(results.size())
                .append(results.size() == 1 ? " memory" : " memories").append(" for \"").append(query).append("\"");
        if (results.isEmpty()) {
            return summary.append(".").toString();
        }
        summary.append(", written ").append(window.from().toLocalDate());
        if (!window.to().toLocalDate().equals(window.from().toLocalDate())) {
            summary.append(" to ").append(window.to().toLocalDate());
        }
        summary.append("; mostly ").append(counts(layers, 3));
        if (!entities.isEmpty()) {
            summary.append("; naming ").append(counts(entities, 4));
        }
        RecallResult mostImportant = results.stream().max(Comparator.comparingDouble(RecallResult::importance)).orElseThrow();
        return summary.append(". Most important: ")
                .append(Excerpt.of(mostImportant.content().replace('\n', ' '), SUMMARY_CONTENT_CHARS)).toString();
    }

    private static String counts(List<NamedCount> counts, int at) {
        return counts.stream().limit(at).map(c -> c.name() + " (" + c.count() + ")").collect(Collectors.joining(", "));
    }

    /**
     * Follow-ups an agent could recall next: the top entities the query does not already name, the query narrowed
     * to its top tags, and its timeline. Built in that order, duplicates (ignoring case) dropped.
     */
    static List<String> suggestions(String query, List<NamedCount> entities, List<NamedCount> tags, boolean found) {
        String lowerQuery = query.toLowerCase(Locale.ROOT);
        List<String> suggested = new ArrayList<>();
        entities.stream().map(NamedCount::name).filter(name -> !lowerQuery.contains(name.toLowerCase(Locale.ROOT)))
                .limit(SUGGESTED_ENTITIES).forEach(name -> suggested.add("what do we know about " + name));
        tags.stream().limit(SUGGESTED_TAGS).forEach(tag -> suggested.add(query + " in " + tag.name()));
        if (found) {
            suggested.add("timeline for " + query);
        }
        Set<String> seen = new LinkedHashSet<>();
        return suggested.stream().filter(s -> seen.add(s.toLowerCase(Locale.ROOT))).limit(MAX_SUGGESTIONS).toList();
    }
}
