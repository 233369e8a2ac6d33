package com.memorylayer.query.filter;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** What filters look at, kept per memory in the warm runtime so filtering needs no database round trip. */
public record MemoryFacts(Set<String> tags, String kind, String sessionId, Map<String, Object> metadata, Instant createdAt) {
}
