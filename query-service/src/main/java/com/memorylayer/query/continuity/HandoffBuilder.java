package com.memorylayer.query.continuity;

import com.google.re2j.Pattern;
import com.memorylayer.schemas.memory.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a session's {@link HandoffPacket} from what it left ({@link SessionActivity}). Deterministic: the same rows
 * give the same packet, so a test or a second agent can rely on what it lists.
 */
final class HandoffBuilder {

    static final int DEFAULT_LIMIT = 8;
    static final int MAX_LIMIT = 20;
    static final int ITEM_CHARS = 180;
    static final int LOOP_CHARS = 220;

    /** Diary lines that say something is still to do (RE2/J, linear whatever an agent wrote). */
    private static final Pattern OPEN_LOOP = Pattern.compile(
            "\\b(todo|to do|next|blocked|blocker|block|unresolved|follow[- ]up|remaining|open question|pending)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> OPEN_TAGS = Set.of("open", "todo");
    private static final Set<String> ERROR_KINDS = Set.of("error", "negative", "mistake");

    private HandoffBuilder() {
    }

    static HandoffPacket build(String sessionId, SessionActivity activity, int limit, String checkpointNote, Instant now) {
        List<String> currentState = new ArrayList<>();
        for (SessionActivity.DiaryLine line : activity.diary) {
            if (currentState.size() < limit) {
                currentState.add(cut(line.entry(), LOOP_CHARS));
            }
        }
        List<HandoffPacket.Item> decisions = new ArrayList<>();
        List<HandoffPacket.Item> errors = new ArrayList<>();
        List<HandoffPacket.Item> facts = new ArrayList<>();
        List<HandoffPacket.Item> work = new ArrayList<>();
        Set<String> loops = new LinkedHashSet<>();
        for (SessionActivity.Written memory : activity.memories) {
            HandoffPacket.Item item = new HandoffPacket.Item(memory.id(), cut(memory.content(), ITEM_CHARS), memory.importance(),
                    memory.createdAt());
            String kind = memory.kind().toLowerCase(Locale.ROOT);
            String content = memory.content().stripLeading().toLowerCase(Locale.ROOT);
            List<HandoffPacket.Item> into = kind.equals("decision") || content.startsWith("decision:") ? decisions
                    : ERROR_KINDS.contains(kind) || content.startsWith("error:") ? errors
                    : memory.memoryType() == MemoryType.FACT ? facts : work;
            add(into, item, limit);
            if (memory.tags().stream().anyMatch(t -> OPEN_TAGS.contains(t.toLowerCase(Locale.ROOT)))) {
                loops.add(cut(memory.content(), LOOP_CHARS));
            }
        }
        for (SessionActivity.DiaryLine line : activity.diary) {
            if (OPEN_LOOP.matcher(line.entry()).find()) {
                loops.add(cut(line.entry(), LOOP_CHARS));
            }
        }
        List<String> openLoops = loops.stream().limit(limit).toList();
        // The latest asking of each query, with what it found then.
        java.util.Map<String, String> queries = new java.util.LinkedHashMap<>();
        for (SessionActivity.Asked asked : activity.queries) {
            String query = cut(asked.query(), ITEM_CHARS);
            queries.putIfAbsent(query, query + " (" + asked.results() + (asked.results() == 1 ? " result)" : " results)"));
        }
        List<String> recentQueries = queries.values().stream().limit(limit).toList();
        Set<String> entities = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        activity.entities.values().forEach(entities::addAll);
        List<String> touched = entities.stream().limit(limit).toList();
        HandoffPacket.Stats stats = new HandoffPacket.Stats(activity.diary.size(), queries.size(), activity.memories.size());
        return new HandoffPacket(sessionId, now,
                summary(sessionId, stats, decisions, openLoops, work, checkpointNote), currentState, decisions, errors, facts, work,
                openLoops, recentQueries, touched, suggestions(openLoops, touched, activity.queries, limit), stats, checkpointNote);
    }

    /**
     * The text a saved handoff is stored, recalled and exported as: the session's own words only (the counts, the
     * checkpoint note, its latest diary line and the diary lines it left open), never another memory's text, which
     * an erase of that memory must be able to take back.
     */
    static String storedText(String sessionId, SessionActivity activity, String checkpointNote) {
        List<String> lines = new ArrayList<>();
        lines.add("Handoff of session " + sessionId);
        lines.add(activity.diary.size() + " diary entries, " + activity.queries.size() + " recent queries, "
                + activity.memories.size() + " memories written");
        if (checkpointNote != null) {
            lines.add("Checkpoint: " + cut(checkpointNote, LOOP_CHARS));
        }
        if (!activity.diary.isEmpty()) {
            lines.add("In progress: " + cut(activity.diary.getFirst().entry(), LOOP_CHARS));
        }
        List<String> loops = activity.diary.stream().map(SessionActivity.DiaryLine::entry).filter(e -> OPEN_LOOP.matcher(e).find())
                .limit(3).map(e -> cut(e, LOOP_CHARS)).toList();
        if (!loops.isEmpty()) {
            lines.add("Open loops: " + String.join(" | ", loops));
        }
        return String.join("\n", lines);
    }

    private static void add(List<HandoffPacket.Item> list, HandoffPacket.Item item, int limit) {
        if (list.size() < limit) {
            list.add(item);
        }
    }

    private static String summary(String sessionId, HandoffPacket.Stats stats, List<HandoffPacket.Item> decisions,
            List<String> openLoops, List<HandoffPacket.Item> work, String checkpointNote) {
        List<String> lines = new ArrayList<>();
        lines.add("Session " + sessionId);
        lines.add(stats.diaryEntries() + " diary entries, " + stats.recentQueries() + " recent queries, "
                + stats.memoriesWritten() + " memories written");
        if (checkpointNote != null) {
            lines.add("Checkpoint: " + cut(checkpointNote, LOOP_CHARS));
        }
        if (!decisions.isEmpty()) {
            lines.add("Decisions: " + String.join(" | ", decisions.stream().limit(3).map(HandoffPacket.Item::content).toList()));
        }
        if (!openLoops.isEmpty()) {
            lines.add("Open loops: " + String.join(" | ", openLoops.stream().limit(3).toList()));
        } else if (!work.isEmpty()) {
            lines.add("Recent work: " + String.join(" | ", work.stream().limit(3).map(HandoffPacket.Item::content).toList()));
        }
        return String.join("\n", lines);
    }

    /** Queries worth running next: the state of each open loop, work on each touched entity, what was asked. */
    private static List<String> suggestions(List<String> openLoops, List<String> entities, List<SessionActivity.Asked> asked,
            int limit) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> suggested = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        openLoops.forEach(loop -> candidates.add("status of " + cut(loop, 80)));
        entities.forEach(entity -> candidates.add("recent work involving " + entity));
        asked.forEach(a -> candidates.add(cut(a.query(), ITEM_CHARS)));
        for (String candidate : candidates) {
            if (suggested.size() < limit && seen.add(candidate)) {
                suggested.add(candidate);
            }
        }
        return suggested;
    }

    /** The first line, cut to {@code max} characters with an ellipsis. */
    static String cut(String text, int max) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline).strip();
        }
        return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
    }
}
