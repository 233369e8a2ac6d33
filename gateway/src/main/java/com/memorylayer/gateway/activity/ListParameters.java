package com.memorylayer.gateway.activity;

import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.time.StorableTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The parameters of a list read, checked strictly like request bodies: an unknown or repeated parameter is a 400
 * naming it, never silently ignored (a typo in a filter would otherwise widen the answer). The API passes its
 * query string, the dashboard its filter form.
 */
public final class ListParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final Map<String, List<String>> values;

    private ListParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static ListParameters of(Map<String, List<String>> values, Set<String> allowed) {
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw ApiException.invalidField(entry.getKey(), "unknown parameter " + entry.getKey() + "; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (entry.getValue().size() != 1) {
                throw ApiException.invalidField(entry.getKey(), entry.getKey() + " may be given once");
            }
        }
        return new ListParameters(Map.copyOf(values));
    }

    public String text(String name) {
        List<String> value = values.get(name);
        return value == null || value.getFirst().isEmpty() ? null : value.getFirst();
    }

    /** An ISO-8601 time with a zone or offset, e.g. {@code 2026-11-25T10:00:00Z}. */
    public Instant time(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return StorableTime.check(OffsetDateTime.parse(value).toInstant(), name);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, name + " must be an ISO-8601 time with an offset, e.g. 2026-11-25T10:00:00Z");
        }
    }

    public UUID uuid(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, name + " must be a UUID");
        }
    }

    public int limit() {
        String value = text("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }

    /** The integer parameter {@code name} within [min, max], or {@code otherwise} when it is absent. */
    public int integer(String name, int min, int max, int otherwise) {
        String value = text(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField(name, name + " must be an integer from " + min + " to " + max);
    }

    public PageCursor cursor() {
        return PageCursor.decode(text("cursor"));
    }

    /** {@code from} (inclusive) and {@code to} (exclusive); either may be null. */
    public record TimeRange(Instant from, Instant to) {

        public static final TimeRange ALL = new TimeRange(null, null);
    }

    /** The {@code from} and {@code to} parameters; a range whose end is not after its start is refused. */
    public TimeRange timeRange() {
        Instant from = time("from");
        Instant to = time("to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiException.invalidField("to", "to must be after from");
        }
        return new TimeRange(from, to);
    }

}
