package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.google.re2j.Pattern;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import com.memorylayer.schemas.db.WorkspaceDsl;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemorySelection;
import com.memorylayer.schemas.memory.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.SortField;
import org.springframework.stereotype.Component;

/**
 * {@code recall/layers}: graduated context for a system prompt, the engine's L0–L3, each layer a block of one memory
 * per line within its own budget and all of them within {@code max_tokens}, counted with a real tokenizer
 * ({@link TokenEncodings}) rather than the engine's words × 1.3:
 *
 * <ul>
 *   <li>L0 "Identity": the 5 most important semantic memories, ~150 tokens;
 *   <li>L1 "Core Knowledge": the 20 most important semantic and 20 most important episodic ones not in L0, most
 *       important first, ~600;
 *   <li>L2 "Recent & Procedural": the 10 latest memories and the 10 latest procedural ones (layer {@code procedural}
 *       or type {@code procedure}) not in L0–L1, newest first, ~1000;
 *   <li>L3 "Search Results": only with a query, a recall's best 20 not in L0–L2, the rest of the budget, each line
 *       shaped by its salience (score / best score): below 0.3 its layer and first line (120 characters, "..." when
 *       cut), below 0.6 its first 200 characters, otherwise all of it.
 * </ul>
 *
 * A layer's budget is its own or what the layers before it left, whichever is less. A memory whose line would
 * overflow its layer is passed over and a shorter one after it may still go in; the engine stopped at the first
 * that did not fit, which let one long memory empty a layer. Every read takes the request's filters. Only L3's recall
 * counts its memories as accessed, as any recall does.
 */
@Component
class LayeredContext {

    static final int DEFAULT_MAX_TOKENS = 4_000;
    static final int IDENTITY_TOKENS = 150;
    static final int CORE_TOKENS = 600;
    static final int RECENT_TOKENS = 1_000;
    static final int IDENTITY_MEMORIES = 5;
    static final int CORE_MEMORIES_PER_LAYER = 20;
    static final int RECENT_MEMORIES = 10;
    static final int SEARCH_RESULTS = 20;
    /**
     * White space around a line break, which L3 folds to one space: Java's {@code \s*\R\s*} spelled out for RE2/J,
     * linear in the text. java.util.regex rescanned a run of spaces from each of its positions (~4 s for 32,000).
     */
    private static final Pattern LINE_BREAK = Pattern.compile(
            "[ \\t\\n\\x0B\\f\\r]*(?:\\r\\n|[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}])[ \\t\\n\\x0B\\f\\r]*");

    private final WorkspaceDsl workspaces;
    private final Recaller recaller;
    private final TokenEncodings encodings;

    LayeredContext(WorkspaceDsl workspaces, Recaller recaller, TokenEncodings encodings) {
        this.workspaces = workspaces;
        this.recaller = recaller;
        this.encodings = encodings;
    }

    /** One memory's line in a layer. */
    record Line(UUID id, String text) {
    }

    /** The lines that went into a layer, joined, and their size as the whole block counts. */
    record Fitted(String text, int tokens, List<UUID> ids) {
        static final Fitted EMPTY = new Fitted("", 0, List.of());
    }

    /**
     * @param search the recall behind L3, or null for no L3
     */
    Map<String, Object> layers(UUID workspaceId, MemorySelection filters, RecallRequest search, int maxTokens, EncodingType type) {
        long started = System.nanoTime();
        Encoding encoding = encodings.of(type);
        Set<UUID> seen = new HashSet<>();
        Map<String, Fitted> layers = new LinkedHashMap<>();

        Condition selected = filters.condition();
        Fitted identity = fit(plain(read(workspaceId, selected.and(layer(MemoryLayer.SEMANTIC)), IDENTITY_MEMORIES,
                MEMORIES.IMPORTANCE.desc()), seen), Math.min(IDENTITY_TOKENS, maxTokens), encoding);
        layers.put("l0", place(identity, seen));

        List<RecallResult> core = new ArrayList<>(read(workspaceId, selected.and(layer(MemoryLayer.SEMANTIC)),
                CORE_MEMORIES_PER_LAYER, MEMORIES.IMPORTANCE.desc()));
        core.addAll(read(workspaceId, selected.and(layer(MemoryLayer.EPISODIC)), CORE_MEMORIES_PER_LAYER, MEMORIES.IMPORTANCE.desc()));
        core.sort(Comparator.comparingDouble(RecallResult::importance).reversed()
                .thenComparing(RecallResult::createdAt, Comparator.reverseOrder()));
        layers.put("l1", place(fit(plain(core, seen), Math.min(CORE_TOKENS, maxTokens - used(layers)), encoding), seen));

        List<RecallResult> recent = new ArrayList<>(read(workspaceId, selected, RECENT_MEMORIES, MEMORIES.CREATED_AT.desc()));
        recent.addAll(read(workspaceId, selected.and(layer(MemoryLayer.PROCEDURAL)
                .or(MEMORIES.MEMORY_TYPE.eq(MemoryType.PROCEDURE.wire()))), RECENT_MEMORIES, MEMORIES.CREATED_AT.desc()));
        recent.sort(Comparator.comparing(RecallResult::createdAt, Comparator.reverseOrder()).thenComparing(RecallResult::id));
        layers.put("l2", place(fit(plain(recent, seen), Math.min(RECENT_TOKENS, maxTokens - used(layers)), encoding), seen));

        if (search != null) {
            List<RecallResult> found = recaller.recall(workspaceId, search).results();
            layers.put("l3", place(fit(salient(found, seen), maxTokens - used(layers), encoding), seen));
        }

        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, List<UUID>> memories = new LinkedHashMap<>();
        layers.forEach((name, layer) -> {
            if (!layer.ids().isEmpty()) {
                answer.put(name, layer.text());
                memories.put(name, layer.ids());
            }
        });
        answer.put("tokens", used(layers));
        answer.put("encoding", type.getName());
        answer.put("max_tokens", maxTokens);
        answer.put("memories", memories);
        answer.put("took_ms", (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    private List<RecallResult> read(UUID workspaceId, Condition where, int limit, SortField<?> order) {
        return workspaces.in(WorkspaceSchemaName.of(workspaceId)).select(Recaller.RESULT_FIELDS).from(MEMORIES).where(where)
                .orderBy(order, MEMORIES.CREATED_AT.desc(), MEMORIES.ID).limit(limit).fetch().stream()
                .map(row -> Recaller.result(row, 0, null)).toList();
    }

    private static Condition layer(MemoryLayer layer) {
        return MEMORIES.LAYER.eq(layer.wire());
    }

    private static int used(Map<String, Fitted> layers) {
        return layers.values().stream().mapToInt(Fitted::tokens).sum();
    }

    private static Fitted place(Fitted layer, Set<UUID> seen) {
        seen.addAll(layer.ids());
        return layer;
    }

    /** Whole memories not yet placed, each once, in the order given. */
    private static List<Line> plain(List<RecallResult> memories, Set<UUID> seen) {
        Set<UUID> taken = new HashSet<>(seen);
        return memories.stream().filter(m -> taken.add(m.id())).map(m -> new Line(m.id(), oneLine(m.content()))).toList();
    }

    /** Search results not yet placed, each shaped by its score against the best one's. */
    static List<Line> salient(List<RecallResult> found, Set<UUID> seen) {
        double best = found.stream().mapToDouble(RecallResult::score).max().orElse(0);
        return found.stream().filter(r -> !seen.contains(r.id()))
                .map(r -> new Line(r.id(), shaped(r, best > 0 ? r.score() / best : 1))).toList();
    }

    static String shaped(RecallResult result, double salience) {
        if (salience < 0.3) {
            return "[" + result.layer().wire() + "] " + Excerpt.of(Excerpt.firstLine(result.content()), 120);
        }
        String content = oneLine(result.content());
        return salience < 0.6 ? Excerpt.of(content, 200) : content;
    }

    private static String oneLine(String content) {
        return LINE_BREAK.matcher(content.strip()).replaceAll(" ");
    }

    /**
     * Lines in order, one per line, each going in only if the block with it still counts at most {@code budget}
     * tokens. The block is counted whole each time, as a caller would count it: joined lines can tokenize otherwise
     * than apart. Text that spells a special token ({@code <|endoftext|>}) is counted as the ordinary text it is.
     */
    static Fitted fit(List<Line> lines, int budget, Encoding encoding) {
        if (budget <= 0) {
            return Fitted.EMPTY;
        }
        StringBuilder block = new StringBuilder();
        int tokens = 0;
        List<UUID> ids = new ArrayList<>();
        for (Line line : lines) {
            String candidate = block.isEmpty() ? line.text() : block + "\n" + line.text();
            // Encoding stops at the budget, so a huge memory costs no more than a budget's worth of tokens to refuse.
            EncodingResult counted = encoding.encodeOrdinary(candidate, budget);
            if (!counted.isTruncated()) {
                block.setLength(0);
                block.append(candidate);
                tokens = counted.getTokens().size();
                ids.add(line.id());
            }
        }
        return ids.isEmpty() ? Fitted.EMPTY : new Fitted(block.toString(), tokens, List.copyOf(ids));
    }
}
