package com.memorylayer.query.consistency;

import com.memorylayer.schemas.api.ConsistencyToken;
import com.memorylayer.schemas.api.ConsistencyTokens;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Holds a recall until the write behind its consistency token is applied, without holding a thread: a waiting
 * recall is a future, and one poller looks up every waiting event id of a workspace in one query per tick. A token
 * is checked before anything waits on it: made up, altered, another workspace's, older than its lifetime or of the
 * unsigned earlier forms, it is answered at once (honoured only if its write is already applied). Waits are
 * bounded per workspace and in all, so one tenant's burst of tokens cannot crowd out another's recalls.
 *
 * <p>The same poller serves a write's {@code ?wait=true} ({@link #whenApplied}): the gateway publishes the command and
 * asks here what it came to. Those waits are bounded apart ({@link CommandWaitProperties}), and past their bound
 * or their time they end without error: the write is then answered 202, which its caller handles anyway.
 */
@Component
public class ConsistencyWaits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsistencyWaits.class);
    private static final String FIELD = "consistency_token";
    /** Threads that run recalls whose writes arrived; a recall is short, the wait before it was the long part. */
    private static final int RESUMING_THREADS = 4;

    private final AppliedEvents applied;
    private final ConsistencyTokens tokens;
    private final ConsistencyProperties properties;
    private final CommandWaitProperties commandWaits;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final ExecutorService resuming;
    /** Guarded by {@code this}, as is {@link #total}. */
    private final Map<UUID, List<Wait>> waiting = new HashMap<>();
    private int total;
    /** Guarded by {@code this}: the waits of writes' {@code ?wait=true}, per workspace and in all, within {@link #waiting}. */
    private final Map<UUID, Integer> commandsWaiting = new HashMap<>();
    private int commandsTotal;
    /** Waits that ran out their time, and waits refused because their bound was full: read by {@link ConsistencyWaitMeters}. */
    private final AtomicLong recallsTimedOut = new AtomicLong();
    private final AtomicLong writesTimedOut = new AtomicLong();
    private final AtomicLong recallsRefused = new AtomicLong();
    private final AtomicLong writesRefused = new AtomicLong();
    /** Per workspace: the first lookups of its tokens' writes running now, on the main pool every tenant's recall uses. */
    private final Map<UUID, Semaphore> lookups = new ConcurrentHashMap<>();

    /** @param command a write's wait, which ends without error when its time is up; else a recall's */
    private record Wait(UUID eventId, long deadlineNanos, CompletableFuture<Boolean> applied, boolean command) {
    }

    public ConsistencyWaits(AppliedEvents applied, ConsistencyProperties properties, CommandWaitProperties commandWaits) {
        this.applied = applied;
        this.properties = properties;
        this.commandWaits = commandWaits;
        this.tokens = new ConsistencyTokens(properties.tokenSecret());
        this.clock = Clock.systemUTC();
        this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("consistency-poller").daemon().factory());
        this.resuming = Executors.newFixedThreadPool(RESUMING_THREADS, Thread.ofPlatform().name("recall-after-wait-", 0).daemon().factory());
        long interval = properties.pollInterval().toNanos();
        poller.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code recall} once the token's write is applied: at once, on the caller's thread, when it already is;
     * otherwise later, on a thread of its own, while the caller's thread is free. Refusals are thrown at once.
     */
    public <T> CompletableFuture<T> afterApplied(UUID workspaceId, String token, Supplier<T> recall) {
        CompletableFuture<Boolean> ready = await(workspaceId, token);
        if (ready.isDone()) {
            return CompletableFuture.completedFuture(recall.get());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        ready.whenComplete((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            try {
                resuming.execute(() -> {
                    try {
                        result.complete(recall.get());
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new ApiException(ErrorCode.CONSISTENCY_WAITS_BUSY, "the service is shutting down"));
            }
        });
        return result;
    }

    /**
     * Completes with true once the command {@code eventId} is applied in the workspace, or with false when it is not
     * within {@code memorylayer.command-waits.wait-timeout}; with its answer at once when the workspace already has
     * {@code max-per-workspace} writes waiting (or the service {@code max-waits}). Holds no thread while it waits.
     */
    public CompletableFuture<Boolean> whenApplied(UUID workspaceId, UUID eventId) {
        Boolean already = lookUp(workspaceId, eventId);
        if (already == null) {
            writesRefused.incrementAndGet();
            return CompletableFuture.completedFuture(false);
        }
        if (already) {
            return CompletableFuture.completedFuture(true);
        }
        Wait wait = new Wait(eventId, System.nanoTime() + commandWaits.waitTimeout().toNanos(), new CompletableFuture<>(), true);
        synchronized (this) {
            int workspace = commandsWaiting.getOrDefault(workspaceId, 0);
            if (workspace >= commandWaits.maxPerWorkspace() || commandsTotal >= commandWaits.maxWaits()) {
                writesRefused.incrementAndGet();
                return CompletableFuture.completedFuture(false);
            }
            commandsWaiting.put(workspaceId, workspace + 1);
            commandsTotal++;
            waiting.computeIfAbsent(workspaceId, k -> new ArrayList<>()).add(wait);
        }
        // What follows (reading the outcome) runs on a resuming thread, never on the poller every wait shares.
        return wait.applied().thenApplyAsync(done -> done, resuming);
    }

    private CompletableFuture<Boolean> await(UUID workspaceId, String text) {
        ConsistencyToken token;
        try {
            token = tokens.read(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.forField(ErrorCode.INVALID_CONSISTENCY_TOKEN, FIELD,
                    "'consistency_token' is not a token returned by a write");
        }
        if (token.belongsElsewhere(workspaceId)) {
            throw ApiException.forField(ErrorCode.CONSISTENCY_TOKEN_OF_ANOTHER_WORKSPACE, FIELD,
                    "'consistency_token' was returned by a write to another workspace; pass one from this workspace");
        }
        Boolean already = lookUp(workspaceId, token.eventId());
        if (already == null) {
            recallsRefused.incrementAndGet();
            throw new ApiException(ErrorCode.CONSISTENCY_WAITS_BUSY, "this workspace already has "
                    + properties.maxLookupsPerWorkspace() + " consistency tokens being checked; retry in a second").retryAfter(1);
        }
        if (already) {
            return CompletableFuture.completedFuture(true);
        }
        if (token.unsigned()) {
            throw ApiException.forField(ErrorCode.INVALID_CONSISTENCY_TOKEN, FIELD,
                    "'consistency_token' is of an earlier unsigned form, honoured only once its write is applied, "
                            + "which this one's is not; pass the token a write returns now");
        }
        if (token.issuedAt().plus(properties.tokenLifetime()).isBefore(Instant.now(clock))) {
            throw ApiException.forField(ErrorCode.CONSISTENCY_TOKEN_EXPIRED, FIELD,
                    "'consistency_token' is older than " + properties.tokenLifetime() + " and its write is not applied; "
                            + "recall without it");
        }
        Wait wait = new Wait(token.eventId(), System.nanoTime() + properties.maxWait().toNanos(), new CompletableFuture<>(), false);
        synchronized (this) {
            long workspace = waiting.getOrDefault(workspaceId, List.of()).stream().filter(w -> !w.command()).count();
            if (workspace >= properties.maxWaitsPerWorkspace() || total >= properties.maxWaits()) {
                recallsRefused.incrementAndGet();
                throw new ApiException(ErrorCode.CONSISTENCY_WAITS_BUSY, "this workspace already has "
                        + workspace + " recalls waiting for their writes; retry in a second").retryAfter(1);
            }
            waiting.computeIfAbsent(workspaceId, k -> new ArrayList<>()).add(wait);
            total++;
        }
        return wait.applied();
    }

    /**
     * Whether the event is applied, or null when the workspace already has {@code max-lookups-per-workspace} lookups
     * running and none ended within {@code lookup-wait}: each holds a connection of the pool every tenant shares.
     */
    private Boolean lookUp(UUID workspaceId, UUID eventId) {
        Semaphore slots = lookups.computeIfAbsent(workspaceId, w -> new Semaphore(properties.maxLookupsPerWorkspace(), true));
        try {
            if (!slots.tryAcquire(properties.lookupWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            return applied.applied(workspaceId, eventId);
        } finally {
            slots.release();
        }
    }

    /** Recalls waiting now, in all workspaces. */
    public synchronized int waiting() {
        return total;
    }

    /** Writes' {@code ?wait=true} waiting now, in all workspaces. */
    public synchronized int commandsWaiting() {
        return commandsTotal;
    }

    /** Recalls whose write was not applied within {@code max-wait}, since the start. */
    long recallsTimedOut() {
        return recallsTimedOut.get();
    }

    /** Writes' {@code ?wait=true} answered 202 because their command was not applied within the wait, since the start. */
    long writesTimedOut() {
        return writesTimedOut.get();
    }

    /** Recalls refused 503 because their workspace or the service had as many waiting as it may, since the start. */
    long recallsRefused() {
        return recallsRefused.get();
    }

    /** Writes answered 202 at once because their workspace or the service had as many waiting as it may. */
    long writesRefused() {
        return writesRefused.get();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("consistency poll failed: {}", e.toString());
        }
    }

    private void poll() {
        Map<UUID, List<Wait>> snapshot = new HashMap<>();
        synchronized (this) {
            waiting.forEach((workspace, waits) -> snapshot.put(workspace, List.copyOf(waits)));
        }
        snapshot.forEach((workspaceId, waits) -> {
            Set<UUID> done;
            try {
                done = applied.appliedAmong(workspaceId, waits.stream().map(Wait::eventId).toList());
            } catch (RuntimeException e) {
                // Postgres away or the workspace deleted: the waits run out their time and answer 503.
                log.debug("could not look up applied events of {}: {}", workspaceId, e.toString());
                done = Set.of();
            }
            long now = System.nanoTime();
            for (Wait wait : waits) {
                if (done.contains(wait.eventId())) {
                    finish(workspaceId, wait, true, null);
                } else if (now - wait.deadlineNanos() > 0 && wait.command()) {
                    writesTimedOut.incrementAndGet();
                    finish(workspaceId, wait, false, null);
                } else if (now - wait.deadlineNanos() > 0) {
                    recallsTimedOut.incrementAndGet();
                    finish(workspaceId, wait, false, new ApiException(ErrorCode.CONSISTENCY_TIMEOUT,
                            "the write for this consistency token is not applied yet; retry the recall",
                            Map.of("waited_ms", properties.maxWait().toMillis())));
                }
            }
        });
    }

    private void finish(UUID workspaceId, Wait wait, boolean done, ApiException error) {
        synchronized (this) {
            List<Wait> workspace = waiting.get(workspaceId);
            if (workspace == null || !workspace.remove(wait)) {
                return;
            }
            if (wait.command()) {
                commandsTotal--;
                commandsWaiting.computeIfPresent(workspaceId, (k, n) -> n <= 1 ? null : n - 1);
            } else {
                total--;
            }
            if (workspace.isEmpty()) {
                waiting.remove(workspaceId);
            }
        }
        if (error == null) {
            wait.applied().complete(done);
        } else {
            wait.applied().completeExceptionally(error);
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        resuming.shutdownNow();
    }
}
