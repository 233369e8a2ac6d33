package com.memorylayer.gateway.seedapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The seed's {@code POST search} body: {@code query} (at most 500 characters), {@code top_k} 1-50, default 8. */
record SeedSearch(String query, int topK) {

    static final int MAX_QUERY = 500;
    static final int MAX_TOP_K = 50;
    static final int DEFAULT_TOP_K = 8;

    static SeedSearch from(JsonNode body) {
        JsonNode object = SeedFields.object(body);
        return new SeedSearch(SeedFields.text(object, "query", MAX_QUERY, true).strip(),
                SeedFields.integer(object, "top_k", 1, MAX_TOP_K, DEFAULT_TOP_K));
    }

    /** Our recall's body; the seed recalled with full context, so that is the mode asked for. */
    ObjectNode recall() {
        return JsonNodeFactory.instance.objectNode().put("query", query).put("limit", topK).put("mode", "full_context");
    }
}
