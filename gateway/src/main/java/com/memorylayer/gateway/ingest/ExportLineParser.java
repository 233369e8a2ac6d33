package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.memory.MemoryFields;
import com.memorylayer.gateway.workspace.WorkspaceExport;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.events.ImportedMemory;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.web.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the JSON lines {@code GET /export} writes, one memory a line and then the diary lines ({@code "record":
 * "diary"}), for {@code POST /import}. A line that is not JSON, or not a memory or diary line as an export writes it,
 * rejects that line only; blank lines are skipped.
 */
@Component
class ExportLineParser {

    private static final Set<String> FIELDS = Set.of("id", "content", "kind", "tags", "metadata", "importance", "session_id",
            "layer", "memory_type", "pinned", "source", "status", "version", "merged_into", "superseded_by", "forgotten_at",
            "created_at", "updated_at", "history", "annotations");
    /** Reasons, old contents and notes as long as a memory's content may have been, and more. */
    private static final int MAX_TEXT = 100_000;
    /**
     * A source is {@code api}, {@code mcp:<tool>} or {@code ingest:<run id>}: short. The worker keeps it as provenance
     * ({@code metadata.import.source}); the memory's own source becomes {@code import:<run id>}.
     */
    private static final int MAX_SOURCE = 300;

    private final MemoryFields fields;
    private final ObjectMapper mapper;

    ExportLineParser(MemoryFields fields, ObjectMapper mapper) {
        this.fields = fields;
        this.mapper = mapper;
    }

    private static final Set<String> DIARY_FIELDS = Set.of("record", "id", "session_id", "entry", "written_at");

    /** One line's memory, or its diary line, or why it was refused. */
    record Line(ImportedMemory memory, DiaryLine diary, IngestItems.Rejection rejected) {

        Line(ImportedMemory memory, IngestItems.Rejection rejected) {
            this(memory, null, rejected);
        }
    }

    /** An agent session's diary line as the export wrote it; imported with its own id and time. */
    record DiaryLine(UUID id, String sessionId, String entry, Instant writtenAt) {
    }

    List<Line> parse(byte[] body, IngestRequestParser limits) {
        List<String> lines = new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the body holds no export lines", Map.of("field", "body"));
        }
        limits.limit(lines.size());
        List<Line> parsed = new ArrayList<>(lines.size());
        for (String line : lines) {
            parsed.add(line(line));
        }
        return parsed;
    }

    private Line line(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (RuntimeException e) {
            return new Line(null, new IngestItems.Rejection(ErrorCode.INVALID_JSON.wire(), "the line is not JSON"));
        }
        if (node.has("record")) {
            return diary(node);
        }
        try {
            fields.object(node, FIELDS);
            String content = fields.content(node.get("content"), true);
            MemoryStatus status = fields.status(node.get("status"), "status");
            Integer version = fields.integer(node.get("version"), "version", 1, Integer.MAX_VALUE);
            Double importance = fields.importance(node.get("importance"));
            Instant createdAt = required(fields.time(node.get("created_at"), "created_at"), "created_at");
            Instant updatedAt = fields.time(node.get("updated_at"), "updated_at");
            Boolean pinned = fields.bool(node.get("pinned"), "pinned");
            // Bounded as remember bounds them: an import is a write any write key may send.
            List<String> tags = fields.tags(node.get("tags"), "tags");
            Map<String, Object> metadata = fields.metadata(node.get("metadata"));
            ImportedMemory memory = new ImportedMemory(required(fields.uuid(node.get("id"), "id"), "id"), content,
                    fields.kind(node.get("kind")), tags, metadata, importance == null ? 0.7 : importance,
                    fields.sessionId(node.get("session_id")), fields.layer(node.get("layer")),
                    fields.memoryType(node.get("memory_type")), pinned != null && pinned,
                    fields.text(node.get("source"), "source", MAX_SOURCE, false), status == null ? MemoryStatus.ACTIVE : status,
                    version == null ? 1 : version, fields.uuid(node.get("merged_into"), "merged_into"),
                    fields.uuid(node.get("superseded_by"), "superseded_by"), fields.time(node.get("forgotten_at"), "forgotten_at"),
                    createdAt, updatedAt == null ? createdAt : updatedAt, history(node.get("history")),
                    annotations(node.get("annotations")));
            return new Line(memory, null);
        } catch (ApiException e) {
            return new Line(null, IngestRequestParser.rejected(e).rejected());
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Line(null, new IngestItems.Rejection(ErrorCode.INVALID_REQUEST.wire(), e.getMessage()));
        }
    }

    private Line diary(JsonNode node) {
        try {
            fields.object(node, DIARY_FIELDS);
            if (!WorkspaceExport.DIARY_RECORD.equals(node.path("record").asString(""))) {
                throw ApiException.invalidField("record", "a line's 'record' is 'diary', or absent for a memory");
            }
            return new Line(null, new DiaryLine(required(fields.uuid(node.get("id"), "id"), "id"),
                    required(fields.sessionId(node.get("session_id")), "session_id"),
                    fields.text(node.get("entry"), "entry", AgentSessions.MAX_DIARY_ENTRY_CHARS, true),
                    required(fields.time(node.get("written_at"), "written_at"), "written_at")), null);
        } catch (ApiException e) {
            return new Line(null, IngestRequestParser.rejected(e).rejected());
        }
    }

    private List<ImportedMemory.HistoryEntry> history(JsonNode node) {
        List<ImportedMemory.HistoryEntry> entries = new ArrayList<>();
        for (JsonNode entry : array(node, "history")) {
            entries.add(new ImportedMemory.HistoryEntry(required(fields.uuid(entry.get("event_id"), "history.event_id"), "history.event_id"),
                    fields.text(entry.get("change"), "history.change", 100, true),
                    fields.text(entry.get("old_status"), "history.old_status", 100, false),
                    fields.text(entry.get("new_status"), "history.new_status", 100, false),
                    fields.text(entry.get("reason"), "history.reason", MAX_TEXT, false),
                    fields.text(entry.get("old_content"), "history.old_content", MAX_TEXT, false),
                    object(entry.get("details")),
                    fields.uuid(entry.get("actor_key_id"), "history.actor_key_id"),
                    fields.uuid(entry.get("actor_user_id"), "history.actor_user_id"),
                    required(fields.time(entry.get("changed_at"), "history.changed_at"), "history.changed_at")));
        }
        return entries;
    }

    private List<ImportedMemory.Annotation> annotations(JsonNode node) {
        List<ImportedMemory.Annotation> notes = new ArrayList<>();
        for (JsonNode note : array(node, "annotations")) {
            notes.add(new ImportedMemory.Annotation(required(fields.uuid(note.get("id"), "annotations.id"), "annotations.id"),
                    fields.text(note.get("note"), "annotations.note", MAX_TEXT, true),
                    fields.uuid(note.get("actor_key_id"), "annotations.actor_key_id"),
                    fields.uuid(note.get("actor_user_id"), "annotations.actor_user_id"),
                    required(fields.time(note.get("created_at"), "annotations.created_at"), "annotations.created_at")));
        }
        return notes;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        if (MemoryFields.absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalidField(field, "'" + field + "' must be an array");
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(JsonNode node) {
        return MemoryFields.absent(node) ? Map.of() : mapper.convertValue(node, Map.class);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.invalidField(field, "'" + field + "' is required");
        }
        return value;
    }
}
