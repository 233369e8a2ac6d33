package com.memorylayer.launcher.postgres;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.convert.DurationStyle;

/**
 * How hard the launcher tries to keep its embedded Postgres up: a Postgres that died is started again after
 * {@code delay}, up to {@code maxRestarts} times within any {@code window}; one more death within it and the launcher
 * gives up (and exits), since a Postgres that keeps dying has a cause a restart does not cure (a full disk, a broken
 * cluster).
 *
 * @param maxRestarts restarts allowed within {@code window}; 0 gives up at the first death
 * @param window      the span restarts are counted over
 * @param delay       how long a dead Postgres stays down before it is started again: a pause for whatever killed it
 *                    (the OOM killer, an operator) to settle, and the backoff between failed restarts
 * @param checkEvery  how often the postmaster is looked for: the longest a death goes unnoticed
 */
public record RestartPolicy(int maxRestarts, Duration window, Duration delay, Duration checkEvery) {

    /** {@code ./memorylayer up}'s: three restarts within ten minutes, each a second after the death was seen. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(3, Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofMillis(500));

    public RestartPolicy {
        if (maxRestarts < 0 || window.isNegative() || delay.isNegative() || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("restarts, window and delay must not be negative, the check interval positive");
        }
    }

    /**
     * The default, overridden by {@code MEMORYLAYER_POSTGRES_MAX_RESTARTS}, {@code MEMORYLAYER_POSTGRES_RESTART_WINDOW}
     * and {@code MEMORYLAYER_POSTGRES_RESTART_DELAY} (durations as {@code 10m}, {@code 1s}).
     */
    public static RestartPolicy fromEnvironment() {
        return new RestartPolicy(
                env("MEMORYLAYER_POSTGRES_MAX_RESTARTS").map(Integer::parseInt).orElse(DEFAULT.maxRestarts()),
                env("MEMORYLAYER_POSTGRES_RESTART_WINDOW").map(DurationStyle::detectAndParse).orElse(DEFAULT.window()),
                env("MEMORYLAYER_POSTGRES_RESTART_DELAY").map(DurationStyle::detectAndParse).orElse(DEFAULT.delay()),
                DEFAULT.checkEvery());
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
