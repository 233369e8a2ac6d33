package com.memorylayer.gateway.seedapi;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed bridge's body: {@code tool} (required, at most 80 characters) and {@code args} (an object, default
 * {@code {}}). The seed answered every bad call of its bridge 400, so these refusals are 400 too.
 */
record SeedBridgeCall(String tool, ObjectNode args) {

    static final int MAX_TOOL = 80;

    static SeedBridgeCall from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalidField("body", "the body must be a JSON object {tool, args}");
        }
        JsonNode tool = body.get("tool");
        if (tool == null || !tool.isString() || tool.asString().isBlank()) {
            throw ApiException.invalidField("tool", "tool is required");
        }
        if (tool.asString().length() > MAX_TOOL) {
            throw ApiException.invalidField("tool", "tool must be at most " + MAX_TOOL + " characters");
        }
        JsonNode args = body.get("args");
        if (args != null && !args.isNull() && !args.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "args must be an object");
        }
        return new SeedBridgeCall(tool.asString(), args == null || args.isNull() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) args);
    }
}
