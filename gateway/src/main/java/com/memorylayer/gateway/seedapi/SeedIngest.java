package com.memorylayer.gateway.seedapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's {@code POST ingest} (and {@code ingest/preview}) body: {@code items} (at most 100, each at most 20,000
 * characters; a non-string item is its JSON text, as the seed took it) or {@code content} (at most 200,000
 * characters) split by {@code split_mode}; {@code source_name} (default "api import"), {@code source_type} (default
 * "json"); a {@code layer} or {@code memory_type} outside the seed's own values falls back to episodic and narrative,
 * as the seed's did.
 */
record SeedIngest(List<String> items, String content, String splitMode, String sourceName, String sourceType,
        String layer, String memoryType) {

    static final int MAX_ITEMS = 100;
    static final int MAX_ITEM_CHARS = 20_000;
    static final int MAX_CONTENT = 200_000;
    private static final Set<String> LAYERS = Set.of("working", "episodic", "semantic", "procedural");
    private static final Set<String> MEMORY_TYPES = Set.of("narrative", "fact", "procedure");

    static SeedIngest from(JsonNode body) {
        JsonNode object = SeedFields.object(body);
        JsonNode rawItems = object.get("items");
        List<String> items = null;
        String content = null;
        if (rawItems != null && rawItems.isArray()) {
            if (rawItems.size() > MAX_ITEMS) {
                throw new SeedRequestInvalid("items", "Ingestion is limited to " + MAX_ITEMS + " items per request");
            }
            items = new ArrayList<>();
            for (JsonNode item : rawItems) {
                String text = (item.isString() ? item.asString() : item.toString()).strip();
                if (text.length() > MAX_ITEM_CHARS) {
                    throw new SeedRequestInvalid("items", "each item must be at most " + MAX_ITEM_CHARS + " characters");
                }
                if (!text.isEmpty()) {
                    items.add(text);
                }
            }
        } else {
            content = SeedFields.text(object, "content", MAX_CONTENT, false);
            content = content == null ? "" : content.strip();
        }
        if ((items != null && items.isEmpty()) || (items == null && content.isEmpty())) {
            throw new SeedRequestInvalid(items != null ? "items" : "content", "No ingestable content found");
        }
        String splitMode = SeedFields.text(object, "split_mode", 20, false);
        String sourceName = SeedFields.text(object, "source_name", 180, false);
        String sourceType = SeedFields.text(object, "source_type", 80, false);
        String layer = SeedFields.text(object, "layer", 40, false);
        String memoryType = SeedFields.text(object, "memory_type", 40, false);
        return new SeedIngest(items, content, splitMode == null || splitMode.isBlank() ? "auto" : splitMode,
                sourceName == null || sourceName.isBlank() ? "api import" : sourceName.strip(),
                sourceType == null || sourceType.isBlank() ? "json" : sourceType.strip(),
                layer != null && LAYERS.contains(layer) ? layer : "episodic",
                memoryType != null && MEMORY_TYPES.contains(memoryType) ? memoryType : "narrative");
    }

    /** Our ingest's body: the items as items with their content, or the text with its split mode. */
    ObjectNode ingest() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("source_name", sourceName).put("source_type", sourceType)
                .put("layer", layer).put("memory_type", memoryType);
        if (items != null) {
            var array = body.putArray("items");
            items.forEach(item -> array.addObject().put("content", item));
        } else {
            body.put("content", content).put("split_mode", splitMode);
        }
        return body;
    }

    /** The characters sent: the items' (as the seed counted them), or the text's before splitting. */
    long characterCount() {
        return items != null ? items.stream().mapToLong(String::length).sum() : content.length();
    }
}
