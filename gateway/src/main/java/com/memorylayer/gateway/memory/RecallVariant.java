package com.memorylayer.gateway.memory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The recall variants the gateway forwards to the query service as {@code POST /recall/{variant}}: the one list the
 * route checks against and the API document is written from. The query service owns each variant's contract and
 * checks its body; what is written here is what a client reads in {@code /openapi.json}.
 */
enum RecallVariant {
    CONTEXT("recall's fields plus `max_tokens` (1–32,000, default 1,000) and `encoding` (`o200k_base`, default, or "
            + "`cl100k_base`)", "`{context, tokens, encoding, max_tokens, memories_used}`: the best memories as one "
            + "prompt-ready block, each line citing `[id] (date)`, never over the budget as that tokenizer counts it"),
    RECENT("`{limit, filters}`", "recall's answer: the latest memories, newest first"),
    TIMELINE("`{from, to, limit, filters}`", "recall's answer: a time window (`to` exclusive), oldest first"),
    SIMILAR("`{memory_id, limit, filters}`", "recall's answer: the memories nearest a given one, itself left out "
            + "(`404 memory_not_found`)"),
    HINTS("`{query, limit, hint_length (10–500, default 60), filters}`", "`{query, hints: [{id, hint, layer, importance, "
            + "created_at, entities, score}]}`: each memory's first line cut to `hint_length` (with `...` when cut) and up "
            + "to 5 entity names it mentions"),
    COMPARE("`{query_a, query_b, limit (default 8), filters}`", "`{query_a, query_b, overlap: [{id, content, score_a, "
            + "score_b}], only_a, only_b: [{id, content, score}], entities_a, entities_b: [{name, count}]}`; content cut "
            + "to 200 characters"),
    BRIEF("`{query, limit (default 8), filters}`", "`{query, summary, result_count, time_window: {from, to}, layers, "
            + "memory_types, statuses, sources, kinds, tags, entities: [{name, count}], key_memories (≤ 6), "
            + "suggested_queries (≤ 6)}`, counted from the results, no model involved"),
    LAYERS("`{query (optional), max_tokens (1–32,000, default 4,000), encoding, filters}`", "`{l0, l1, l2, l3, tokens, "
            + "encoding, max_tokens, memories}`: L0 identity (the most important semantic memories, ~150 tokens), L1 core "
            + "knowledge (~600), L2 recent and procedural (~1,000), L3 search results (only with a query, the rest of the "
            + "budget); empty layers left out; `tokens` never over `max_tokens`"),
    SKILLS("`{query, max_skills (1–10, default 3), filters}`", "`{should_inject, confidence, task_novelty, "
            + "domain_coverage, reason, skills: [{id, content, score}]}`: procedures worth putting in a prompt for the "
            + "task, or none; records no access"),
    EXPLAIN("recall's fields", "`{query, intent, settings, counts: {candidates per channel, returned}, results: [{rank, "
            + "id, content, channels: {name: {rank, score}}, fused, session_boost, rerank, score}], side_effects: "
            + "{access_recorded: false}}`; records no access");

    static final List<String> WIRE = Arrays.stream(values()).map(RecallVariant::wire).toList();

    private final String body;
    private final String answer;

    RecallVariant(String body, String answer) {
        this.body = body;
        this.answer = answer;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<RecallVariant> fromWire(String wire) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(wire)).findFirst();
    }

    /** One row of the route's table in the API document. */
    String documented() {
        return "| `" + wire() + "` | " + body + " | " + answer + " |";
    }
}
