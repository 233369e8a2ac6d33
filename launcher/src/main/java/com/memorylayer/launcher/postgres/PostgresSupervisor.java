package com.memorylayer.launcher.postgres;

import com.memorylayer.embedded.EmbeddedPostgresServer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded Postgres and starts it again, on the same data directory and port, when its postmaster
 * dies — after the {@link RestartPolicy}'s delay, within its budget. Once the budget is spent it stops watching and completes
 * {@link #gaveUp()} with the reason; what to do then (the launcher exits) is the owner's call.
 *
 * <p>The services need nothing done: their pools fail fast while Postgres is away and reconnect once it is back.
 */
public final class PostgresSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresSupervisor.class);

    private final EmbeddedPostgresServer postgres;
    private final RestartPolicy policy;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();
    private final ScheduledExecutorService checks;
    /** When the current death was first seen; null while Postgres runs. */
    private Instant seenDead;
    private boolean stopped;

    private PostgresSupervisor(EmbeddedPostgresServer postgres, RestartPolicy policy) {
        this.postgres = postgres;
        this.policy = policy;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postgres-supervisor");
            // Never what keeps the JVM alive, and never joined: a give-up may lead to System.exit from its future.
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching {@code postgres}. */
    public static PostgresSupervisor watch(EmbeddedPostgresServer postgres, RestartPolicy policy) {
        PostgresSupervisor supervisor = new PostgresSupervisor(postgres, policy);
        long every = policy.checkEvery().toMillis();
        supervisor.checks.scheduleWithFixedDelay(supervisor::check, every, every, TimeUnit.MILLISECONDS);
        return supervisor;
    }

    /** Completes with the reason once the supervisor gave up on Postgres; never completes otherwise. */
    public CompletableFuture<String> gaveUp() {
        return gaveUp;
    }

    private void check() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; watching must go on.
            log.error("checking on the embedded Postgres failed", e);
        }
    }

    private void checkOnce() {
        if (postgres.isRunning()) {
            return;
        }
        String reason;
        synchronized (this) {
            // A JVM on its way out stops Postgres itself (zonky's shutdown hook): that is no death to cure.
            if (stopped || shuttingDown()) {
                return;
            }
            Instant now = Instant.now();
            if (seenDead == null) {
                seenDead = now;
                while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(policy.window()))) {
                    restarts.removeFirst();
                }
                if (restarts.size() < policy.maxRestarts()) {
                    log.warn("the embedded Postgres (postmaster {}) died; restarting it on port {} in {} (restart {} of {} allowed within {})",
                            postgres.postmasterPid(), postgres.port(), policy.delay(), restarts.size() + 1,
                            policy.maxRestarts(), policy.window());
                }
            }
            if (restarts.size() < policy.maxRestarts()) {
                if (now.isBefore(seenDead.plus(policy.delay()))) {
                    return;
                }
                restarts.addLast(now);
                seenDead = null;
                restart();
                return;
            }
            stopped = true;
            reason = "the embedded Postgres (postmaster " + postgres.postmasterPid() + ") died, after " + restarts.size()
                    + " restart(s) within " + policy.window() + "; giving up (MEMORYLAYER_POSTGRES_MAX_RESTARTS is "
                    + policy.maxRestarts() + ")";
        }
        log.error(reason);
        checks.shutdown();
        // Outside the lock: whoever listens may exit the JVM, whose shutdown closes this supervisor.
        gaveUp.complete(reason);
    }

    private void restart() {
        long started = System.nanoTime();
        try {
            postgres.restart();
            log.warn("the embedded Postgres is back (postmaster {}) after {} ms", postgres.postmasterPid(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // Counted all the same: the next check tries again, after the delay, while the budget lasts.
            log.error("restarting the embedded Postgres failed", e);
        }
    }

    /** Whether the JVM is running its shutdown hooks: only then does registering one fail. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Stops watching; waits for a restart under way, so Postgres is not started again behind the owner's back. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
        }
        checks.shutdownNow();
    }
}
