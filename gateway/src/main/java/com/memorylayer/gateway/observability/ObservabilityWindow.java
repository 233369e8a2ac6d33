package com.memorylayer.gateway.observability;

import com.memorylayer.web.error.ApiException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How far back the observability figures look: a few fixed spans, so every answer reads a bounded range. */
public enum ObservabilityWindow {
    MINUTES_15("15m", Duration.ofMinutes(15), Duration.ofMinutes(1)),
    HOUR_1("1h", Duration.ofHours(1), Duration.ofMinutes(5)),
    HOURS_6("6h", Duration.ofHours(6), Duration.ofMinutes(15)),
    HOURS_24("24h", Duration.ofHours(24), Duration.ofHours(1)),
    DAYS_7("7d", Duration.ofDays(7), Duration.ofHours(6));

    public static final ObservabilityWindow DEFAULT = HOUR_1;

    private final String wire;
    private final Duration span;
    private final Duration step;

    /** @param step the width of one point of the window's time series: 12 to 28 points whatever the window */
    ObservabilityWindow(String wire, Duration span, Duration step) {
        this.wire = wire;
        this.span = span;
        this.step = step;
    }

    public String wire() {
        return wire;
    }

    Duration span() {
        return span;
    }

    Duration step() {
        return step;
    }

    public static ObservabilityWindow parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        return Arrays.stream(values()).filter(window -> window.wire.equals(text)).findFirst()
                .orElseThrow(() -> ApiException.invalidField("window", "window must be one of "
                        + Arrays.stream(values()).map(ObservabilityWindow::wire).collect(Collectors.joining(", "))));
    }
}
