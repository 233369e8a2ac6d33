package com.memorylayer.query.filter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a recall is restricted to. Every condition given must hold (AND); an absent one does not restrict.
 * Filters are applied inside each retrieval channel, before ranking is cut, so a filtered recall returns exactly
 * the best matching memories — never a non-matching one, never fewer matching ones than would fit the limit.
 *
 * @param tagsAny      at least one of these tags
 * @param tagsAll      every one of these tags
 * @param metadata     top-level metadata keys equal to these JSON values
 * @param createdAfter strictly after; {@code createdBefore} strictly before
 */
public record RecallFilters(List<String> tagsAny, List<String> tagsAll, String kind, String sessionId,
        Map<String, Object> metadata, Instant createdAfter, Instant createdBefore) {

    public static final RecallFilters NONE = new RecallFilters(List.of(), List.of(), null, null, Map.of(), null, null);

    public RecallFilters {
        tagsAny = List.copyOf(tagsAny);
        tagsAll = List.copyOf(tagsAll);
        metadata = Map.copyOf(metadata);
    }

    public boolean isEmpty() {
        return tagsAny.isEmpty() && tagsAll.isEmpty() && kind == null && sessionId == null && metadata.isEmpty()
                && createdAfter == null && createdBefore == null;
    }

    public boolean matches(MemoryFacts facts) {
        if (facts == null) {
            return false;
        }
        if (!tagsAny.isEmpty() && tagsAny.stream().noneMatch(facts.tags()::contains)) {
            return false;
        }
        if (!facts.tags().containsAll(tagsAll)) {
            return false;
        }
        if (kind != null && !kind.equals(facts.kind())) {
            return false;
        }
        if (sessionId != null && !sessionId.equals(facts.sessionId())) {
            return false;
        }
        for (Map.Entry<String, Object> condition : metadata.entrySet()) {
            if (!facts.metadata().containsKey(condition.getKey())
                    || !sameJsonValue(condition.getValue(), facts.metadata().get(condition.getKey()))) {
                return false;
            }
        }
        if (createdAfter != null && !facts.createdAt().isAfter(createdAfter)) {
            return false;
        }
        return createdBefore == null || facts.createdAt().isBefore(createdBefore);
    }

    /** JSON equality: numbers compare by value whatever their Java type (1 equals 1.0). */
    private static boolean sameJsonValue(Object wanted, Object actual) {
        if (wanted instanceof Number w && actual instanceof Number a) {
            return new java.math.BigDecimal(w.toString()).compareTo(new java.math.BigDecimal(a.toString())) == 0;
        }
        return Objects.equals(wanted, actual);
    }
}
