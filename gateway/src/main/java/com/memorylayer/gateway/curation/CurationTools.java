package com.memorylayer.gateway.curation;

import static com.memorylayer.gateway.mcp.ToolSchemas.anyObject;
import static com.memorylayer.gateway.mcp.ToolSchemas.array;
import static com.memorylayer.gateway.mcp.ToolSchemas.bool;
import static com.memorylayer.gateway.mcp.ToolSchemas.commandAnswer;
import static com.memorylayer.gateway.mcp.ToolSchemas.integer;
import static com.memorylayer.gateway.mcp.ToolSchemas.layer;
import static com.memorylayer.gateway.mcp.ToolSchemas.memoryType;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.oneOf;
import static com.memorylayer.gateway.mcp.ToolSchemas.output;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.web.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Curating one memory as MCP tools, under the engine's names: each is the REST route's own method, waiting for the
 * change to apply. The engine's one-field tools (tag, pin, promote, invalidate, ...) are edits or status changes.
 */
@Component
class CurationTools implements McpToolSet {

    private static final int HISTORY_SHOWN = 100;

    private final CurationController routes;
    private final MemoryReads reads;

    CurationTools(CurationController routes, MemoryReads reads) {
        this.routes = routes;
        this.reads = reads;
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
        edit.put("new_content", string("The engine's name for content"));
        edit.put("tags", strings("Its tags, replacing the old"));
        edit.put("tags_add", strings("Tags to add"));
        edit.put("tags_remove", strings("Tags to remove"));
        edit.put("kind", string("Its kind"));
        edit.put("metadata", anyObject("Its metadata, replacing the old"));
        edit.put("importance", number("0 to 1"));
        edit.put("layer", layer("Its layer"));
        edit.put("memory_type", memoryType("Its type"));
        edit.put("pinned", bool("Never forgotten by consolidation"));
        edit.put("session_id", string("Its session"));
        edit.put("if_version", integer("Refuse the edit unless the memory is at this version (default: no check)", 1, Integer.MAX_VALUE));
        Map<String, Object> memory = Map.of("memory_id", string("The memory"));
        Map<String, Object> annotate = new LinkedHashMap<>(memory);
        annotate.put("note", string("The note to add; the memory's text stays as it is"));
        Map<String, Object> tag = new LinkedHashMap<>(memory);
        tag.put("add", strings("Tags to add"));
        tag.put("remove", strings("Tags to remove"));
        Map<String, Object> layer = new LinkedHashMap<>(memory);
        layer.put("target_layer", layer("The layer to move it to"));
        Map<String, Object> invalidate = new LinkedHashMap<>(memory);
        invalidate.put("reason", string("Why it no longer holds (default invalidated)"));
        Map<String, Object> status = new LinkedHashMap<>(memory);
        status.put("new_status", oneOf("The status to set", java.util.Arrays.stream(MemoryStatus.values()).map(MemoryStatus::wire).toList()));
        status.put("reason", string("Why"));
        status.put("merged_into", string("For merged: the memory it was merged into"));
        status.put("superseded_by", string("For superseded: the memory that replaces it"));
        return List.of(
                new McpTool("edit_memory", "Change a memory: its text (embedded again), tags, kind, metadata, importance, layer,"
                        + " type, pin or session. Answers once applied.", object(edit, "memory_id"), Scope.WRITE, false, false, true,
                        this::edit).withOutput(commandAnswer()),
                write("annotate", "Add a note to a memory; its text is unchanged.", object(annotate, "memory_id", "note"), false,
                        (caller, arguments) -> {
                            ObjectNode body = JsonNodeFactory.instance.objectNode().put("note", arguments.path("note").asString(""));
                            return routes.annotate(id(arguments), body, true, caller, ToolRequests.current()).getBody();
                        }),
                write("tag", "Add and remove a memory's tags.", object(tag, "memory_id"), true, (caller, arguments) -> {
                    if (!arguments.has("add") && !arguments.has("remove")) {
                        throw ApiException.invalidField("add", "give tags to add, to remove, or both");
                    }
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.set("tags_add", arguments.has("add") ? arguments.get("add") : body.arrayNode());
                    body.set("tags_remove", arguments.has("remove") ? arguments.get("remove") : body.arrayNode());
                    return ToolRequests.asTool(Map.of("tags_add", "add", "tags_remove", "remove"), () -> patch(caller, id(arguments), body));
                }),
                write("pin", "Pin a memory: consolidation never forgets it.", object(memory, "memory_id"), true,
                        (caller, arguments) -> patch(caller, id(arguments), JsonNodeFactory.instance.objectNode().put("pinned", true))),
                write("unpin", "Unpin a memory.", object(memory, "memory_id"), true,
                        (caller, arguments) -> patch(caller, id(arguments), JsonNodeFactory.instance.objectNode().put("pinned", false))),
                write("promote", "Move a memory to another layer (e.g. episodic to semantic).", object(layer, "memory_id", "target_layer"),
                        true, this::moveLayer),
                write("demote", "Move a memory to another layer (the same as promote, named for going down).",
                        object(layer, "memory_id", "target_layer"), true, this::moveLayer),
                write("invalidate", "Mark a memory as no longer true: it stays readable, and recall leaves it out.",
                        object(invalidate, "memory_id"), true, (caller, arguments) -> {
                            ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "invalidated")
                                    .put("reason", arguments.path("reason").asString("invalidated"));
                            return routes.status(id(arguments), body, true, caller, ToolRequests.current()).getBody();
                        }),
                write("update_status", "Set a memory's lifecycle status, with a reason; the change joins its history.",
                        object(status, "memory_id", "new_status"), true, (caller, arguments) -> {
                            ObjectNode body = arguments.deepCopy();
                            body.remove("memory_id");
                            body.set("status", body.remove("new_status"));
                            return ToolRequests.asTool(Map.of("status", "new_status"),
                                    () -> routes.status(id(arguments), body, true, caller, ToolRequests.current()).getBody());
                        }),
                new McpTool("status_history", "A memory's current status and every change it went through, newest first.",
                        object(memory, "memory_id"), Scope.READ, true, false, true, this::history)
                        .withOutput(output(Map.of("memory_id", string("The memory"), "status", string("Its status now"),
                                "preview", string("Its first 100 characters"), "history", array("Its changes, newest first")),
                                "memory_id", "status", "history")),
                new McpTool("forget", "Forget a memory: no longer recalled, restorable for 30 days, then erased.",
                        object(memory, "memory_id"), Scope.WRITE, false, true, true,
                        (caller, arguments) -> routes.forget(id(arguments), false, true, caller, ToolRequests.current()).getBody())
                        .withOutput(commandAnswer()),
                new McpTool("erase_memory", "Erase a memory now: its text, vector and mentions are gone for good; a receipt stays.",
                        object(memory, "memory_id"), Scope.WRITE, false, true, true,
                        (caller, arguments) -> routes.forget(id(arguments), true, true, caller, ToolRequests.current()).getBody())
                        .withOutput(commandAnswer()));
    }

    private static McpTool write(String name, String description, Map<String, Object> schema, boolean idempotent,
            McpTool.Handler call) {
        return new McpTool(name, description + " Answers once applied.", schema, Scope.WRITE, false, false, idempotent, call)
                .withOutput(commandAnswer());
    }

    private static UUID id(ObjectNode arguments) {
        return ToolRequests.memoryId(arguments);
    }

    private Map<String, Object> edit(WorkspaceCaller caller, ObjectNode arguments) {
        ObjectNode body = arguments.deepCopy();
        body.remove("memory_id");
        if (body.has("new_content")) {
            if (body.has("content")) {
                throw ApiException.invalidField("new_content", "give 'content' or the engine's 'new_content', not both");
            }
            body.set("content", body.remove("new_content"));
            return ToolRequests.asTool(Map.of("content", "new_content"), () -> patch(caller, id(arguments), body));
        }
        return patch(caller, id(arguments), body);
    }

    private Map<String, Object> moveLayer(WorkspaceCaller caller, ObjectNode arguments) {
        return ToolRequests.asTool(Map.of("layer", "target_layer"),
                () -> patch(caller, id(arguments), JsonNodeFactory.instance.objectNode().set("layer", arguments.get("target_layer"))));
    }

    private Map<String, Object> patch(WorkspaceCaller caller, UUID id, ObjectNode body) {
        return routes.edit(id, body, true, caller, ToolRequests.current()).getBody();
    }

    private Map<String, Object> history(WorkspaceCaller caller, ObjectNode arguments) {
        UUID id = id(arguments);
        var row = reads.row(caller.workspace(), id).orElseThrow(() ->
                new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + id + " in this workspace"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("memory_id", id);
        answer.put("status", row.status());
        String content = row.content() == null ? "" : row.content();
        answer.put("preview", content.length() <= 100 ? content : content.substring(0, 100) + "...");
        answer.put("history", reads.history(caller.workspace(), id, HISTORY_SHOWN).history());
        return answer;
    }
}
