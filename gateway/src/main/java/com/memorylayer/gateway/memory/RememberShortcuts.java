package com.memorylayer.gateway.memory;

import static com.memorylayer.gateway.mcp.ToolSchemas.commandAnswer;
import static com.memorylayer.gateway.mcp.ToolSchemas.number;
import static com.memorylayer.gateway.mcp.ToolSchemas.object;
import static com.memorylayer.gateway.mcp.ToolSchemas.string;
import static com.memorylayer.gateway.mcp.ToolSchemas.strings;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.mcp.McpTool;
import com.memorylayer.gateway.mcp.McpToolSet;
import com.memorylayer.gateway.mcp.ToolRequests;
import com.memorylayer.web.error.ApiException;
import com.memorylayer.schemas.memory.AgentSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's remember shortcuts: each writes its fields as the engine's labelled lines ("Decision: …\nRationale:
 * …") with the engine's layer, type and importance, and a kind of its own, so handoffs and filters find them.
 */
@Component
class RememberShortcuts implements McpToolSet {

    private final Remembering remembering;

    RememberShortcuts(Remembering remembering) {
        this.remembering = remembering;
    }

    @Override
    public String group() {
        return "memory";
    }

    /** One shortcut: its labelled fields in order (the first required), and what it stores them as. */
    private record Shortcut(String tool, String description, String kind, String layer, String memoryType, Double importance,
            List<Field> fields) {
    }

    /**
     * One argument of a shortcut and the label its line starts with in the memory.
     *
     * @param name  the argument, as the engine names it
     * @param label the line's label, as the engine writes it ({@code Decision: …})
     */
    private record Field(String name, String label, String description) {
    }

    private static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("remember_decision", "Store a decision and why it was made (procedural).", "decision", "procedural",
                    "procedure", 0.8, List.of(new Field("decision", "Decision", "What was decided"),
                            new Field("rationale", "Rationale", "Why"))),
            new Shortcut("remember_error", "Store an error and how to prevent it (procedural).", "error", "procedural", "procedure",
                    0.7, List.of(new Field("error", "Error", "What went wrong"),
                            new Field("prevention", "Prevention", "How to avoid it next time"))),
            new Shortcut("remember_interaction", "Store a question and its answer.", "interaction", "episodic", "narrative", 0.5,
                    List.of(new Field("question", "Q", "The question"), new Field("answer", "A", "The answer"))),
            new Shortcut("remember_negative", "Store negative knowledge: what does not work or is not true, and where.",
                    "negative", "semantic", "fact", 0.75, List.of(new Field("content", "NEGATIVE KNOWLEDGE", "What does not work"),
                            new Field("context", "Why this matters", "Why it matters"),
                            new Field("scope", "Scope", "Where it applies"))),
            new Shortcut("remember_project", "Store a project's name, status, location and notes (semantic fact).", "project",
                    "semantic", "fact", null, List.of(new Field("name", "Project", "The project's name"),
                            new Field("status", "Status", "Where it stands"), new Field("location", "Location", "Where it lives"),
                            new Field("notes", "Notes", "Anything else"))));

    @Override
    public List<McpTool> tools() {
        return SHORTCUTS.stream().map(this::tool).toList();
    }

    private McpTool tool(Shortcut shortcut) {
        Map<String, Object> schema = new LinkedHashMap<>();
        for (Field field : shortcut.fields()) {
            schema.put(field.name(), string(field.description()));
        }
        if (shortcut.importance() != null) {
            schema.put("importance", number("0 to 1 (default " + shortcut.importance() + ")"));
        }
        schema.put("tags", strings("Tags to filter by later"));
        schema.put("session_id", string(AgentSessions.SESSION_ARGUMENT));
        return new McpTool(shortcut.tool(), shortcut.description() + " Answers once it is stored.",
                object(schema, required(shortcut).toArray(String[]::new)),
                Scope.WRITE, false, false, false, (caller, arguments) -> ToolRequests.asTool(
                        Map.of("content", shortcut.fields().getFirst().name()), () -> remembering.remember(caller, body(shortcut, arguments))))
                .withOutput(commandAnswer());
    }

    /** The first field, and for an interaction both: a question without its answer is no memory. */
    private static List<String> required(Shortcut shortcut) {
        return shortcut.fields().stream().limit(shortcut.tool().equals("remember_interaction") ? 2 : 1).map(Field::name).toList();
    }

    private static ObjectNode body(Shortcut shortcut, ObjectNode arguments) {
        StringJoiner content = new StringJoiner("\n");
        List<String> required = required(shortcut);
        for (Field field : shortcut.fields()) {
            String value = arguments.path(field.name()).asString("").strip();
            if (value.isEmpty() && required.contains(field.name())) {
                throw ApiException.invalidField(field.name(), "'" + field.name() + "' must not be blank");
            }
            if (!value.isEmpty()) {
                content.add(field.label() + ": " + value);
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("content", content.toString());
        body.put("kind", shortcut.kind());
        body.put("layer", shortcut.layer());
        body.put("memory_type", shortcut.memoryType());
        body.put("importance", arguments.path("importance").asDouble(shortcut.importance() == null ? 0.7 : shortcut.importance()));
        for (String passed : List.of("tags", "session_id")) {
            if (arguments.has(passed)) {
                body.set(passed, arguments.get(passed));
            }
        }
        return body;
    }
}
