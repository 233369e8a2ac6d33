package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.memory.MemoryFields;
import com.memorylayer.gateway.memory.MemoryProperties;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads an ingest body: either {@code items}, or one {@code content} with a {@code split_mode}, plus what the run says
 * of its source and the defaults every item takes. What is wrong with the body as a whole (not JSON, an unknown
 * field, neither items nor content, too many items) refuses the request; what is wrong with one item only rejects
 * that item, with its index and reason, and the rest go on.
 */
@Component
class IngestRequestParser {

    private static final Set<String> BODY_FIELDS = Set.of("items", "content", "split_mode", "source_name", "source_type",
            "tags", "layer", "memory_type", "dedupe");
    private static final Set<String> ITEM_FIELDS = Set.of("content", "tags", "kind", "metadata", "session_id", "created_at",
            "importance", "layer", "memory_type", "pinned", "id");
    private static final Set<String> CONTENT_ONLY = Set.of("content");
    static final int MAX_SOURCE_CHARS = 200;

    private final MemoryFields fields;
    private final TextSplitter splitter;
    private final IngestProperties properties;
    private final MemoryProperties limits;
    private final ObjectMapper mapper;

    IngestRequestParser(MemoryFields fields, TextSplitter splitter, IngestProperties properties, MemoryProperties limits,
            ObjectMapper mapper) {
        this.fields = fields;
        this.splitter = splitter;
        this.properties = properties;
        this.limits = limits;
        this.mapper = mapper;
    }

    /** A request's items before they join a run. */
    record IngestBody(String sourceName, String sourceType, boolean dedupe, List<Draft> items) {

        long rejected() {
            return items.stream().filter(d -> d.rejected() != null).count();
        }
    }

    /** One item: its fields, or why it was refused. */
    record Draft(ItemFields fields, IngestItems.Rejection rejected) {
    }

    /** An item's checked fields; null where the item said nothing (the run's defaults then apply). */
    record ItemFields(UUID id, String content, String kind, List<String> tags, Map<String, Object> metadata, String sessionId,
            Instant createdAt, Double importance, MemoryLayer layer, MemoryType memoryType, Boolean pinned) {

        RememberMemory toRemember(UUID runId, Instant now, boolean dedupe, UUID actorUserId) {
            return new RememberMemory(id == null ? UUID.randomUUID() : id, content, kind, tags, metadata,
                    importance == null ? 0.7 : importance, sessionId, "ingest:" + runId, createdAt == null ? now : createdAt,
                    layer, memoryType, pinned, dedupe, actorUserId);
        }
    }

    IngestBody parse(JsonNode body) {
        fields.object(body, BODY_FIELDS);
        JsonNode items = body.get("items");
        JsonNode content = body.get("content");
        if (MemoryFields.absent(items) == MemoryFields.absent(content)) {
            throw ApiException.invalidField("items", "send either 'items' (an array of items) or 'content' (a text to split)");
        }
        String sourceName = fields.text(body.get("source_name"), "source_name", MAX_SOURCE_CHARS, false);
        String sourceType = fields.text(body.get("source_type"), "source_type", MAX_SOURCE_CHARS, false);
        List<String> defaultTags = fields.tags(body.get("tags"), "tags");
        MemoryLayer layer = fields.layer(body.get("layer"));
        MemoryType memoryType = fields.memoryType(body.get("memory_type"));
        Boolean dedupe = fields.bool(body.get("dedupe"), "dedupe");
        Defaults defaults = new Defaults(defaultTags == null ? List.of() : defaultTags, layer, memoryType);

        List<Draft> drafts = new ArrayList<>();
        if (!MemoryFields.absent(items)) {
            if (!items.isArray()) {
                throw ApiException.invalidField("items", "'items' must be an array of items");
            }
            limit(items.size());
            for (JsonNode item : items) {
                drafts.add(item(item, defaults));
            }
        } else {
            if (!content.isString() || content.asString().isBlank()) {
                throw ApiException.invalidField("content", "'content' must be a non-empty string");
            }
            String mode = fields.text(body.get("split_mode"), "split_mode", 20, false);
            SplitMode splitMode = mode == null ? SplitMode.AUTO : SplitMode.fromWire(mode).orElseThrow(() -> ApiException.invalidField(
                    "split_mode", "split_mode must be one of " + Arrays.stream(SplitMode.values()).map(SplitMode::wire).toList()));
            drafts.addAll(split(content.asString(), splitMode, defaults));
        }
        if (drafts.isEmpty()) {
            throw ApiException.invalidField(MemoryFields.absent(items) ? "content" : "items", "the request holds no items");
        }
        return new IngestBody(sourceName, sourceType, dedupe == null || dedupe, drafts);
    }

    private record Defaults(List<String> tags, MemoryLayer layer, MemoryType memoryType) {
    }

    private List<Draft> split(String text, SplitMode mode, Defaults defaults) {
        if (mode == SplitMode.JSON) {
            JsonNode array;
            try {
                array = mapper.readTree(text);
            } catch (RuntimeException e) {
                throw new ApiException(ErrorCode.INVALID_JSON, "split_mode json: 'content' is not JSON");
            }
            if (!array.isArray()) {
                throw ApiException.invalidField("content", "split_mode json: 'content' must be a JSON array");
            }
            limit(array.size());
            List<Draft> drafts = new ArrayList<>();
            for (JsonNode element : array) {
                drafts.add(element.isString() ? text(element.asString(), Map.of(), defaults) : item(element, defaults));
            }
            return drafts;
        }
        List<String> pieces = splitter.split(text, mode);
        limit(pieces.size());
        String documentId = UUID.randomUUID().toString();
        List<Draft> drafts = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            Map<String, Object> metadata = mode.chunksADocument()
                    ? Map.of("document_id", documentId, "chunk", Map.of("index", i, "of", pieces.size()))
                    : Map.of();
            drafts.add(text(pieces.get(i), metadata, defaults));
        }
        return drafts;
    }

    /** A piece of split text, checked as an item's {@code content} is (empty, too long, a NUL). */
    private Draft text(String content, Map<String, Object> metadata, Defaults defaults) {
        try {
            JsonNode item = mapper.createObjectNode().put("content", content);
            fields.content(fields.object(item, CONTENT_ONLY).get("content"), true);
        } catch (ApiException e) {
            return rejected(e);
        }
        return new Draft(new ItemFields(null, content, "note", defaults.tags(), metadata, null, null, null, defaults.layer(),
                defaults.memoryType(), null), null);
    }

    private Draft item(JsonNode item, Defaults defaults) {
        try {
            fields.object(item, ITEM_FIELDS);
            List<String> tags = fields.tags(item.get("tags"), "tags");
            Set<String> allTags = new LinkedHashSet<>(defaults.tags());
            if (tags != null) {
                allTags.addAll(tags);
            }
            if (allTags.size() > limits.maxTags()) {
                throw ApiException.invalidField("tags", "the item's tags and the run's come to " + allTags.size() + " tags; at most "
                        + limits.maxTags());
            }
            MemoryLayer layer = fields.layer(item.get("layer"));
            MemoryType memoryType = fields.memoryType(item.get("memory_type"));
            String kind = fields.kind(item.get("kind"));
            Map<String, Object> metadata = fields.metadata(item.get("metadata"));
            return new Draft(new ItemFields(fields.uuid(item.get("id"), "id"), fields.content(item.get("content"), true),
                    kind == null ? "note" : kind, List.copyOf(allTags), metadata == null ? Map.of() : new LinkedHashMap<>(metadata),
                    fields.sessionId(item.get("session_id")), fields.time(item.get("created_at"), "created_at"),
                    fields.importance(item.get("importance")), layer == null ? defaults.layer() : layer,
                    memoryType == null ? defaults.memoryType() : memoryType, fields.bool(item.get("pinned"), "pinned")), null);
        } catch (ApiException e) {
            return rejected(e);
        }
    }

    static Draft rejected(ApiException e) {
        return new Draft(null, new IngestItems.Rejection(e.code().wire(), e.getMessage()));
    }

    void limit(int items) {
        if (items > properties.maxItems()) {
            throw new ApiException(ErrorCode.TOO_MANY_ITEMS, "the request holds " + items + " items; one request takes at most "
                    + properties.maxItems() + " (send the rest to the same run with POST /ingest/runs/{run_id}/items)",
                    Map.of("items", items, "max_items", properties.maxItems()));
        }
    }
}
