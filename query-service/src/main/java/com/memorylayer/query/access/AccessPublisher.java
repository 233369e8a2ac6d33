package com.memorylayer.query.access;

import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventPayload;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoriesAccessed;
import com.memorylayer.schemas.events.SessionRecalls;
import com.memorylayer.schemas.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Every {@code access-flush-interval}, sends what the {@link AccessRecorder} counted as one
 * {@code memorylayer.memory.accessed} command per workspace (split past {@value #MAX_ACCESSES_PER_COMMAND} memories),
 * and what the {@link SessionQueryRecorder} noted as {@code memorylayer.session.recalls}, to
 * {@code memorylayer.memory.commands}, keyed by workspace id, for the ingest worker to apply. Sends are
 * asynchronous and a failed one is logged and dropped, never retried into a recall. Stopping sends what is left:
 * it stops after the web server (so no recall is counted after the last flush) and before Kafka's producer.
 */
@Component
public class AccessPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessPublisher.class);
    static final int MAX_ACCESSES_PER_COMMAND = 1_000;
    /** Queries are up to 500 characters: 500 of them stay far below a Kafka record's megabyte. */
    static final int MAX_RECALLS_PER_COMMAND = 500;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final AccessRecorder recorder;
    private final SessionQueryRecorder sessionQueries;
    private final KafkaTemplate<String, byte[]> kafka;
    private final AccessProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    @Autowired
    public AccessPublisher(AccessRecorder recorder, SessionQueryRecorder sessionQueries, KafkaTemplate<String, byte[]> kafka,
            AccessProperties properties) {
        this(recorder, sessionQueries, kafka, properties, Clock.systemUTC());
    }

    public AccessPublisher(AccessRecorder recorder, SessionQueryRecorder sessionQueries, KafkaTemplate<String, byte[]> kafka,
            AccessProperties properties, Clock clock) {
        this.recorder = recorder;
        this.sessionQueries = sessionQueries;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends everything counted so far; the future completes when Kafka has taken it all (or fails if any send did).
     * When a send cannot even be handed to the producer (Kafka out of reach: it waits {@code max.block.ms} first),
     * the rest of this flush is dropped at once rather than waited for one workspace after another.
     */
    public CompletableFuture<Void> flush() {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        int dropped = sendAll(recorder.drain(), MAX_ACCESSES_PER_COMMAND, MemoriesAccessed::new, sends)
                + sendAll(sessionQueries.drain(), MAX_RECALLS_PER_COMMAND, SessionRecalls::new, sends);
        if (dropped > 0) {
            log.warn("dropped the access counts or session queries of {} more memories or recalls: the event log is out of reach", dropped);
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /**
     * Sends each workspace's items in commands of at most {@code perCommand}; once a send could not even be handed to
     * the producer, the rest are dropped. @return how many items were dropped
     */
    private <T> int sendAll(Map<UUID, List<T>> byWorkspace, int perCommand, Function<List<T>, EventPayload> command,
            List<CompletableFuture<?>> sends) {
        int dropped = 0;
        for (Map.Entry<UUID, List<T>> entry : byWorkspace.entrySet()) {
            List<T> items = entry.getValue();
            for (int from = 0; from < items.size(); from += perCommand) {
                List<T> batch = items.subList(from, Math.min(items.size(), from + perCommand));
                if (!sends.isEmpty() && sends.getLast().isCompletedExceptionally()) {
                    dropped += batch.size();
                } else {
                    sends.add(send(entry.getKey(), command.apply(batch), batch.size()));
                }
            }
        }
        return dropped;
    }

    private CompletableFuture<?> send(UUID workspace, EventPayload payload, int items) {
        EventEnvelope command = EventEnvelope.wrap(UUID.randomUUID(), EventSource.QUERY_SERVICE, clock.instant(), workspace,
                null, null, payload);
        try {
            return kafka.send(Topic.MEMORY_COMMANDS.topicName(), workspace.toString(), EventCodec.encode(command))
                    .whenComplete((sent, failure) -> {
                        if (failure != null) {
                            log.warn("dropped {} ({}) of workspace {}: {}", payload.type(), items, workspace, failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("dropped {} ({}) of workspace {}: {}", payload.type(), items, workspace, e.toString());
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The scheduled flush: nothing it meets may stop the schedule. */
    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("access flush failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || !recorder.enabled()) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("access-flush").factory());
        long interval = properties.accessFlushInterval().toMillis();
        executor.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    /** Stops the schedule and sends what is left, waiting a while for Kafka to take it. */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the access flush did not finish within {}", STOP_WAIT);
            }
            flush().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the last access counts were not all sent: {}", e.toString());
        } finally {
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** After the web server has stopped taking recalls, before the Kafka producer factory (phase Integer.MIN_VALUE) stops. */
    @Override
    public int getPhase() {
        return 0;
    }
}
