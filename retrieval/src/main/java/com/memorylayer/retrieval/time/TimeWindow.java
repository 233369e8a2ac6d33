package com.memorylayer.retrieval.time;

import java.time.Instant;
import java.util.Objects;

/**
 * A span of time a query asks about, half-open: {@code from} inclusive, {@code to} exclusive, in UTC.
 *
 * @param expression the words of the query it was resolved from, e.g. "in May 2023" or "last week"
 */
public record TimeWindow(Instant from, Instant to, String expression) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("an empty window: " + from + " to " + to);
        }
    }

    public boolean contains(Instant time) {
        return time != null && !time.isBefore(from) && time.isBefore(to);
    }
}
