package com.memorylayer.gateway.memory;

import static com.memorylayer.gateway.mcp.ToolSchemas.anyObject;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.ForwardedAnswer;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remember and recall as MCP tools, under the engine's names and parameters ({@code top_k} is recall's
 * {@code limit}): each is the REST route's own parsing and command, or its forwarded read.
 */
@Component
class MemoryTools implements McpToolSet {

    private final RememberRequestParser parser;
    private final CommandWrites writes;
    private final RecallForwarder recalls;
    private final ObjectMapper mapper;

    MemoryTools(RememberRequestParser parser, CommandWrites writes, RecallForwarder recalls, ObjectMapper mapper) {
        this.parser = parser;
        this.writes = writes;
        this.recalls = recalls;
        this.mapper = mapper;
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> remember = new LinkedHashMap<>();
        remember.put("content", string("What to remember"));
        remember.put("kind", string("A label of your own, e.g. note, decision, error (default note)"));
        remember.put("tags", strings("Tags to filter by later"));
        remember.put("metadata", anyObject("Any JSON object, filterable by top-level keys"));
        remember.put("session_id", string("Your agent session"));
        remember.put("importance", number("0 to 1 (default 0.7)"));
        remember.put("created_at", string("When it happened, ISO-8601 (default now)"));
        remember.put("layer", string("working, episodic (default), semantic or procedural"));
        remember.put("memory_type", string("fact, procedure or narrative (default)"));
        remember.put("pinned", bool("Never forgotten by consolidation"));
        remember.put("dedupe", bool("false stores it even if it repeats a live memory (default true)"));
        Map<String, Object> recall = new LinkedHashMap<>();
        recall.put("query", string("What to look for"));
        recall.put("top_k", integer("How many memories", 1, 100, 10));
        recall.put("mode", string("facts_only, facts_plus_rules or full_context (default)"));
        recall.put("filters", anyObject("The REST recall's filters: tags_any, tags_all, kind, session_id, metadata, created_after, ..."));
        recall.put("session_id", string("Your agent session; its handoff lists the query"));
        recall.put("reference_date", string("When the question is asked, for the times it names (default now)"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("query", string("What the context is for"));
        context.put("max_tokens", integer("The block's budget in o200k_base tokens", 1, 32_000, 2_000));
        context.put("session_id", string("Your agent session"));
        return List.of(
                new McpTool("remember", "Store a memory in this workspace; answers once it is stored.",
                        object(remember, "content"), Scope.WRITE, false, false, false, this::remember),
                new McpTool("recall", "The workspace's memories that best match a query, best first, with scores.",
                        object(recall, "query"), Scope.READ, true, false, true, this::recall),
                new McpTool("recall_context", "A recall's best memories as one prompt-ready block within a token budget, each line"
                        + " citing its memory id.", object(context, "query"), Scope.READ, true, false, true, this::context));
    }

    private Map<String, Object> remember(WorkspaceCaller caller, ObjectNode arguments) {
        RememberRequest request = parser.parse(arguments);
        UUID eventId = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = writes.submit(caller, eventId, eventId, request.command(eventId, caller.userId(), Instant.now()), true)
                .getBody();
        return answer;
    }

    private Map<String, Object> recall(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        if (body.has("top_k")) {
            body.set("limit", body.remove("top_k"));
        }
        return ForwardedAnswer.of(recalls.recall(caller.workspace().id(), mapper.writeValueAsBytes(body)), mapper);
    }

    private Map<String, Object> context(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        if (!body.has("max_tokens")) {
            body.put("max_tokens", 2_000);
        }
        return ForwardedAnswer.of(recalls.variant(caller.workspace().id(), "context", mapper.writeValueAsBytes(body)), mapper);
    }
}
