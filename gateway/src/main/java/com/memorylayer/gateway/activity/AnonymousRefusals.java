package com.memorylayer.gateway.activity;

import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.RefusalsCounted;
import com.memorylayer.schemas.topics.Topic;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts refusals of calls that named no workspace and no person, per client address, status and minute, and sends
 * one {@link RefusalsCounted} event per count once its minute is over. A flood of made-up keys then costs the audit
 * trail a row per address and minute, not a row per call.
 */
@Component
public class AnonymousRefusals {

    /** Counts held at most; past it, refusals from further addresses are counted under {@link #OTHERS}. */
    static final int MAX_COUNTS = 100_000;
    static final String OTHERS = "(other addresses)";

    private record Window(String address, int status, Instant minute) {
    }

    private final Map<Window, LongAdder> counts = new ConcurrentHashMap<>();
    private final AuditPublisher publisher;
    private final Clock clock;

    AnonymousRefusals(AuditPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    void count(String address, int status) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Window window = new Window(address, status, minute);
        if (!counts.containsKey(window) && counts.size() >= MAX_COUNTS) {
            window = new Window(OTHERS, status, minute);
        }
        counts.computeIfAbsent(window, w -> new LongAdder()).increment();
    }

    /** Sends the counts of every minute that is over; the current minute's keep counting. */
    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    public void sendFinishedMinutes() {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Window> finished = new ArrayList<>();
        counts.keySet().forEach(w -> {
            if (w.minute().isBefore(current)) {
                finished.add(w);
            }
        });
        for (Window window : finished) {
            LongAdder count = counts.remove(window);
            if (count != null && count.sum() > 0) {
                RefusalsCounted refusals = new RefusalsCounted(window.address(), window.status(), window.minute(), count.sum());
                publisher.send(Topic.AUDIT, EventEnvelope.wrap(UUID.randomUUID(), EventSource.GATEWAY, clock.instant(),
                        null, null, null, refusals));
            }
        }
    }
}
