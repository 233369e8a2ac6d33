package com.memorylayer.audit.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The window sizes usage is counted in. Windows are aligned to UTC: minutes on the minute, days at midnight. */
public enum Granularity {
    MINUTE("minute", ChronoUnit.MINUTES),
    DAY("day", ChronoUnit.DAYS);

    private final String column;
    private final ChronoUnit unit;

    Granularity(String column, ChronoUnit unit) {
        this.column = column;
        this.unit = unit;
    }

    /** The value of the {@code granularity} column. */
    public String column() {
        return column;
    }

    public Instant windowStart(Instant time) {
        return time.truncatedTo(unit);
    }

    public Instant windowEnd(Instant windowStart) {
        return windowStart.plus(1, unit);
    }
}
