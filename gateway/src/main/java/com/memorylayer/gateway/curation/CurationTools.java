package com.memorylayer.gateway.curation;

import static com.memorylayer.gateway.mcp.ToolSchemas.anyObject;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
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
import tools.jackson.databind.node.ObjectNode;

/** Editing and forgetting as MCP tools: the REST routes' own methods, waiting for the change to apply. */
@Component
class CurationTools implements McpToolSet {

    private final CurationController routes;

    CurationTools(CurationController routes) {
        this.routes = routes;
    }

    @Override
    public String group() {
        return "curation";
    }

    @Override
    public List<McpTool> tools() {
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("memory_id", string("The memory to change"));
        edit.put("content", string("Its new text"));
        edit.put("tags", strings("Its tags, replacing the old"));
        edit.put("tags_add", strings("Tags to add"));
        edit.put("tags_remove", strings("Tags to remove"));
        edit.put("kind", string("Its kind"));
        edit.put("metadata", anyObject("Its metadata, replacing the old"));
        edit.put("importance", number("0 to 1"));
        edit.put("layer", string("working, episodic, semantic or procedural"));
        edit.put("memory_type", string("fact, procedure or narrative"));
        edit.put("pinned", bool("Never forgotten by consolidation"));
        edit.put("session_id", string("Its session"));
        edit.put("if_version", integer("Refuse the edit unless the memory is at this version", 1, Integer.MAX_VALUE, 1));
        return List.of(
                new McpTool("edit_memory", "Change a memory: its text (embedded again), tags, kind, metadata, importance, layer,"
                        + " type, pin or session. Answers once applied.", object(edit, "memory_id"), Scope.WRITE, false, false, true,
                        this::edit),
                new McpTool("forget", "Forget a memory: no longer recalled, restorable for 30 days, then erased.",
                        object(Map.of("memory_id", string("The memory to forget")), "memory_id"), Scope.WRITE, false, true, true,
                        this::forget));
    }

    private Map<String, Object> edit(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        body.remove("memory_id");
        return routes.edit(ToolRequests.memoryId(arguments.path("memory_id").asString("")), body, true, caller, ToolRequests.current())
                .getBody();
    }

    private Map<String, Object> forget(WorkspaceCaller caller, ObjectNode arguments) {
        return routes.forget(ToolRequests.memoryId(arguments.path("memory_id").asString("")), false, true, caller,
                ToolRequests.current()).getBody();
    }
}
