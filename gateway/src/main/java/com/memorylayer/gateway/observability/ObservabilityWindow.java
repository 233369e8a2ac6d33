package com.memorylayer.gateway.observability;

import com.memorylayer.web.error.ApiException;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How far back the observability figures look: a few fixed spans, so every answer reads a bounded range. */
enum ObservabilityWindow {
    MINUTES_15("15m", Duration.ofMinutes(15)),
    HOUR_1("1h", Duration.ofHours(1)),
    HOURS_6("6h", Duration.ofHours(6)),
    HOURS_24("24h", Duration.ofHours(24)),
    DAYS_7("7d", Duration.ofDays(7));

    static final ObservabilityWindow DEFAULT = HOUR_1;

    private final String wire;
    private final Duration span;

    ObservabilityWindow(String wire, Duration span) {
        this.wire = wire;
        this.span = span;
    }

    String wire() {
        return wire;
    }

    Duration span() {
        return span;
    }

    static ObservabilityWindow parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        return Arrays.stream(values()).filter(window -> window.wire.equals(text)).findFirst()
                .orElseThrow(() -> ApiException.invalidField("window", "window must be one of "
                        + Arrays.stream(values()).map(ObservabilityWindow::wire).collect(Collectors.joining(", "))));
    }
}
