package com.memorylayer.gateway.seedapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's {@code POST remember} body: {@code content} (at most 20,000 characters), {@code layer} (default
 * episodic) and {@code memory_type} (default narrative), which our remember checks as it checks its own.
 */
record SeedRemember(String content, String layer, String memoryType) {

    static final int MAX_CONTENT = 20_000;

    static SeedRemember from(JsonNode body) {
        JsonNode object = SeedFields.object(body);
        String layer = SeedFields.text(object, "layer", 40, false);
        String memoryType = SeedFields.text(object, "memory_type", 40, false);
        return new SeedRemember(SeedFields.text(object, "content", MAX_CONTENT, true).strip(),
                layer == null || layer.isBlank() ? "episodic" : layer,
                memoryType == null || memoryType.isBlank() ? "narrative" : memoryType);
    }

    /**
     * Our remember's body. The seed's provenance label for a remember over its REST API goes where the MCP tool
     * keeps it, {@code metadata.source_type}, so filters still find it.
     */
    ObjectNode remember() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("content", content).put("layer", layer)
                .put("memory_type", memoryType);
        body.putObject("metadata").put("source_type", "remember:human");
        return body;
    }
}
