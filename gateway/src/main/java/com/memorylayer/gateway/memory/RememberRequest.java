package com.memorylayer.gateway.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A validated remember body. {@code createdAt} is null when the client left the time to the service. */
record RememberRequest(String content, String kind, List<String> tags, Map<String, Object> metadata,
        String sessionId, Double importance, Instant createdAt) {
}
