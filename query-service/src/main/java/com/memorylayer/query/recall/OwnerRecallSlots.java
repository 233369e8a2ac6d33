package com.memorylayer.query.recall;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * How many recalls of one owner's workspaces run at once. Rate limits bound how many a tenant makes in a minute, not
 * how many it runs side by side: eight clients of one tenant would otherwise take every core, and everyone else's
 * recall would queue behind them. Past the limit a recall waits its turn (without CPU) for up to {@code
 * max-owner-wait}, then answers 503.
 */
@Component
class OwnerRecallSlots {

    private static final long RETRY_AFTER_SECONDS = 1;

    /** A taken slot; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<UUID, Semaphore> slots = new ConcurrentHashMap<>();
    private final int perOwner;
    private final long maxWaitMillis;

    OwnerRecallSlots(RecallProperties properties) {
        this.perOwner = properties.maxConcurrentPerOwner() > 0 ? properties.maxConcurrentPerOwner()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.maxWaitMillis = properties.maxOwnerWait().toMillis();
    }

    Slot take(UUID owner) {
        Semaphore semaphore = slots.computeIfAbsent(owner, o -> new Semaphore(perOwner, true));
        try {
            if (!semaphore.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        return semaphore::release;
    }

    int perOwner() {
        return perOwner;
    }

    private ApiException busy() {
        return new ApiException(ErrorCode.RECALLS_BUSY, "this workspace's owner already has " + perOwner
                + " recalls running, as many as one tenant may; retry shortly").retryAfter(RETRY_AFTER_SECONDS);
    }
}
