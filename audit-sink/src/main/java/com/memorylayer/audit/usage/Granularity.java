package com.memorylayer.audit.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The window sizes usage is counted in. Windows are aligned to UTC: minutes on the minute, days at midnight. */
public enum Granularity {
    MINUTE("minute", Duration.ofMinutes(1)),
    DAY("day", Duration.ofDays(1));

    private final String column;
    private final Duration size;

    Granularity(String column, Duration size) {
        this.column = column;
        this.size = size;
    }

    /** The value of the {@code granularity} column. */
    public String column() {
        return column;
    }

    public Instant windowStart(Instant time) {
        return time.truncatedTo(this == MINUTE ? ChronoUnit.MINUTES : ChronoUnit.DAYS);
    }

    public Instant windowEnd(Instant windowStart) {
        return windowStart.plus(size);
    }

    public static Granularity ofColumn(String column) {
        for (Granularity g : values()) {
            if (g.column.equals(column)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown granularity " + column);
    }
}
