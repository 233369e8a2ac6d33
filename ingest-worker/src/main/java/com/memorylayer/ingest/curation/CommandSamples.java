package com.memorylayer.ingest.curation;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.APPLIED_EVENTS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ERASURES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The samples of memories that bulk-forget and batch results show ({@code result.sample}, read by any key through
 * {@code GET /commands/{id}}), kept free of erased text: an erasure marks the memory in every recorded sample, and a
 * maintenance pass, which read its sample before it records its result (possibly minutes later, on its own consumer),
 * marks at recording, under the workspace's write lock, what was erased meanwhile. A marked entry keeps its id and
 * says {@code "content": "erased", "erased": true}.
 */
public final class CommandSamples {

    static final String ERASED = "erased";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CommandSamples() {
    }

    /** Marks {@code memoryId} in every recorded sample that shows it. */
    static void scrub(DSLContext dsl, UUID memoryId) {
        String wanted = JSON.writeValueAsString(List.of(Map.of("id", memoryId.toString())));
        dsl.select(APPLIED_EVENTS.EVENT_ID, APPLIED_EVENTS.RESULT).from(APPLIED_EVENTS)
                .where(DSL.condition("({0} -> 'sample') @> {1}::jsonb", APPLIED_EVENTS.RESULT, DSL.val(wanted)))
                .fetch()
                .forEach(row -> mark(dsl, row.get(APPLIED_EVENTS.EVENT_ID), row.get(APPLIED_EVENTS.RESULT), Set.of(memoryId.toString())));
    }

    /** Marks, in the result just recorded for {@code eventId}, the memories erased since its sample was read. */
    public static void scrubErased(DSLContext dsl, UUID eventId) {
        JSONB result = dsl.select(APPLIED_EVENTS.RESULT).from(APPLIED_EVENTS).where(APPLIED_EVENTS.EVENT_ID.eq(eventId))
                .fetchOptional(APPLIED_EVENTS.RESULT).orElse(null);
        if (result == null) {
            return;
        }
        List<UUID> shown = new ArrayList<>();
        JSON.readTree(result.data()).path("sample").forEach(one -> {
            if (one.path("id").isString()) {
                shown.add(UUID.fromString(one.path("id").asString()));
            }
        });
        if (shown.isEmpty()) {
            return;
        }
        Set<String> erased = Set.copyOf(dsl.select(ERASURES.MEMORY_ID).from(ERASURES).where(ERASURES.MEMORY_ID.in(shown))
                .fetch(r -> r.get(ERASURES.MEMORY_ID).toString()));
        if (!erased.isEmpty()) {
            mark(dsl, eventId, result, erased);
        }
    }

    private static void mark(DSLContext dsl, UUID eventId, JSONB recorded, Set<String> erased) {
        ObjectNode result = (ObjectNode) JSON.readTree(recorded.data());
        for (JsonNode shown : result.path("sample")) {
            if (shown instanceof ObjectNode one && erased.contains(one.path("id").asString(""))) {
                one.put("content", ERASED);
                one.put("erased", true);
            }
        }
        dsl.update(APPLIED_EVENTS).set(APPLIED_EVENTS.RESULT, JSONB.valueOf(JSON.writeValueAsString(result)))
                .where(APPLIED_EVENTS.EVENT_ID.eq(eventId)).execute();
    }
}
