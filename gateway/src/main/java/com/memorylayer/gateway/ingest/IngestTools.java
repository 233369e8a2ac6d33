package com.memorylayer.gateway.ingest;

import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bulk ingestion as MCP tools: a run of items (or one text split into them) through {@code POST /ingest}, and its
 * progress. Where the engine's ingest read a path on its own disk, an agent here sends the content itself.
 */
@Component
class IngestTools implements McpToolSet {

    private final IngestController routes;
    private final ObjectMapper mapper;

    IngestTools(IngestController routes, ObjectMapper mapper) {
        this.mapper = mapper;
        this.routes = routes;
    }

    @Override
    public String group() {
        return "ingest";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("content", string("What to remember"));
        item.put("tags", strings("Its tags"));
        item.put("kind", string("Its kind"));
        item.put("metadata", Map.of("type", "object"));
        item.put("session_id", string("Its session"));
        item.put("created_at", string("When it happened, ISO-8601"));
        item.put("importance", Map.of("type", "number"));
        item.put("layer", string("Its layer"));
        item.put("memory_type", string("Its type"));
        item.put("pinned", bool("Pinned"));
        item.put("id", string("Your id for it, so a retried run stores it once"));
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("items", Map.of("type", "array", "description", "The memories, up to the run's limit",
                "items", object(item, "content")));
        ingest.put("content", string("Instead of items: one text, split into memories by split_mode"));
        ingest.put("split_mode", string("How to split content: auto (default), single, lines, paragraphs, markdown, csv or json"));
        ingest.put("source_name", string("What the run reads, e.g. a file name"));
        ingest.put("source_type", string("What kind of source, e.g. notes, transcript, handoff"));
        ingest.put("tags", strings("Tags for every item"));
        ingest.put("layer", string("The layer of every item"));
        ingest.put("memory_type", string("The type of every item"));
        ingest.put("dedupe", bool("false stores items even if they repeat live memories (default true)"));
        return List.of(
                new McpTool("ingest", "Start a bulk ingestion run: items (or a text to split) are checked now, stored in order;"
                        + " ingest_status follows the run.", object(ingest), Scope.WRITE, false, false, false,
                        (caller, arguments) -> routes.ingest(arguments, caller, ToolRequests.current()).getBody()),
                new McpTool("ingest_status", "An ingestion run's progress: items stored, merged, rejected, pending.",
                        object(Map.of("run_id", string("The run, as ingest answered it")), "run_id"), Scope.READ, true, false, true,
                        this::status));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(WorkspaceCaller caller, ObjectNode arguments) {
        return mapper.convertValue(routes.run(ToolRequests.id(arguments, "run_id"), caller), Map.class);
    }
}
