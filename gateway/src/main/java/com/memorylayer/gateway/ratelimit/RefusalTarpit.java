package com.memorylayer.gateway.ratelimit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Answers a repeated refusal late. A client that keeps calling a key whose bucket it was just told is empty, without
 * waiting for Retry-After, gets its next 429 after {@code memorylayer.rate-limit.repeat-refusal-delay}: a loop of
 * such calls slows to the delay's pace instead of spending the machine on refusals at thousands a second. The wait
 * holds no request thread (the response is finished from a timer), and at most {@link #MAX_HELD} are held at once;
 * past that, refusals are answered at once. A client that honours Retry-After never meets the delay.
 */
@Component
class RefusalTarpit implements DisposableBean {

    static final int MAX_HELD = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RefusalTarpit.class);

    /** Writes the refusal onto a response. */
    @FunctionalInterface
    interface Refusal {
        void write(HttpServletResponse response) throws IOException;
    }

    private final Duration delay;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("rate-limit-tarpit").daemon().factory());
    private final AtomicInteger held = new AtomicInteger();

    RefusalTarpit(RateLimitProperties properties) {
        this.delay = properties.repeatRefusalDelay();
    }

    /** Writes the refusal after the delay, or at once when the delay is off or too many are held. */
    void refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
        if (delay.isZero() || !request.isAsyncSupported() || held.incrementAndGet() > MAX_HELD) {
            if (!delay.isZero() && request.isAsyncSupported()) {
                held.decrementAndGet();
            }
            refusal.write(response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(delay.toMillis() + 10_000);
        timer.schedule(() -> {
            try {
                refusal.write((HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                log.debug("a delayed refusal could not be written: {}", e.toString());
            } finally {
                held.decrementAndGet();
                async.complete();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
