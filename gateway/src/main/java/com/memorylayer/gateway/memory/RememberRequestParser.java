package com.memorylayer.gateway.memory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks a remember body field by field ({@link MemoryFields}) and says exactly which field is wrong and why.
 * Unknown fields are refused rather than ignored, so a typo cannot silently drop data.
 */
@Component
class RememberRequestParser {

    private static final Set<String> FIELDS = Set.of("content", "kind", "tags", "metadata", "session_id", "importance",
            "created_at", "layer", "memory_type", "pinned", "dedupe");

    private final MemoryFields fields;

    RememberRequestParser(MemoryFields fields) {
        this.fields = fields;
    }

    RememberRequest parse(JsonNode body) {
        fields.object(body, FIELDS);
        String kind = fields.kind(body.get("kind"));
        List<String> tags = fields.tags(body.get("tags"), "tags");
        Map<String, Object> metadata = fields.metadata(body.get("metadata"));
        return new RememberRequest(fields.content(body.get("content"), true), kind == null ? "note" : kind,
                tags == null ? List.of() : tags, metadata == null ? Map.of() : metadata, fields.sessionId(body.get("session_id")),
                fields.importance(body.get("importance")), fields.time(body.get("created_at"), "created_at"),
                fields.layer(body.get("layer")), fields.memoryType(body.get("memory_type")),
                fields.bool(body.get("pinned"), "pinned"), fields.bool(body.get("dedupe"), "dedupe"));
    }
}
