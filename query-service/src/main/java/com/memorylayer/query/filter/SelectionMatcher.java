package com.memorylayer.query.filter;

import com.memorylayer.schemas.memory.MemorySelection;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MemorySelection} matched in memory against a memory's {@link MemoryFacts}, with the meaning
 * {@link MemorySelection#condition()} has in Postgres: every condition given must hold; tags by any or all;
 * kind and session exactly; metadata keys equal as JSON values (numbers by value, 1 equals 1.0); creation time
 * strictly after and before; status, layer and memory type one of those named; pinned as asked.
 */
public final class SelectionMatcher {

    private SelectionMatcher() {
    }

    /** False for a memory the runtime does not hold ({@code facts} null). */
    public static boolean matches(MemorySelection selection, MemoryFacts facts) {
        if (facts == null) {
            return false;
        }
        if (!selection.status().isEmpty() && !selection.status().contains(facts.status())) {
            return false;
        }
        if (!selection.memoryType().isEmpty() && !selection.memoryType().contains(facts.memoryType())) {
            return false;
        }
        if (!selection.layer().isEmpty() && !selection.layer().contains(facts.layer())) {
            return false;
        }
        if (selection.pinned() != null && selection.pinned() != facts.pinned()) {
            return false;
        }
        if (!selection.tagsAny().isEmpty() && selection.tagsAny().stream().noneMatch(facts.tags()::contains)) {
            return false;
        }
        if (!facts.tags().containsAll(selection.tagsAll())) {
            return false;
        }
        if (selection.kind() != null && !selection.kind().equals(facts.kind())) {
            return false;
        }
        if (selection.sessionId() != null && !selection.sessionId().equals(facts.sessionId())) {
            return false;
        }
        for (Map.Entry<String, Object> condition : selection.metadata().entrySet()) {
            if (!facts.metadata().containsKey(condition.getKey())
                    || !sameJsonValue(condition.getValue(), facts.metadata().get(condition.getKey()))) {
                return false;
            }
        }
        if (selection.createdAfter() != null && !facts.createdAt().isAfter(selection.createdAfter())) {
            return false;
        }
        return selection.createdBefore() == null || facts.createdAt().isBefore(selection.createdBefore());
    }

    /** JSON equality: numbers compare by value whatever their Java type (1 equals 1.0). */
    private static boolean sameJsonValue(Object wanted, Object actual) {
        if (wanted instanceof Number w && actual instanceof Number a) {
            return new BigDecimal(w.toString()).compareTo(new BigDecimal(a.toString())) == 0;
        }
        return Objects.equals(wanted, actual);
    }
}
