package com.memorylayer.web.time;

import com.memorylayer.web.error.ApiException;
import java.time.Instant;

/**
 * The times a client may send: years 1 to 9999, as ISO-8601 writes them without a sign. Java reads years up to a
 * billion and Postgres stores fewer, so a time outside this range would pass parsing and fail in the database as an
 * unexplained 500; it is refused as the client's error instead.
 */
public final class StorableTime {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableTime() {
    }

    /** True when the time lies within years 1 to 9999. */
    public static boolean storable(Instant time) {
        return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
    }

    /** @throws ApiException (400, naming {@code field}) when the time is outside years 1 to 9999 */
    public static Instant check(Instant time, String field) {
        if (time != null && !storable(time)) {
            throw ApiException.invalidField(field, "'" + field + "' must be a time between the years 1 and 9999");
        }
        return time;
    }
}
