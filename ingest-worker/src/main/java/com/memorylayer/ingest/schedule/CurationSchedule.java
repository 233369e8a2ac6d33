package com.memorylayer.ingest.schedule;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.MEMORIES;

import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.schemas.events.ConsolidateMemories;
import com.memorylayer.schemas.events.EraseMemory;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.memory.MemoryStatus;
import com.memorylayer.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The worker's own curation, sent as commands down the same road as everyone's, so that they apply in order with
 * the workspace's other commands: every {@code purge-every}, an erase for each memory forgotten longer than the
 * restore window; every {@code consolidate-every} (unless 0), a consolidation of each workspace. Event ids are
 * derived from what they are about and the period, so two workers, or a restart, send the same command twice at
 * most, and it applies once.
 */
@Component
class CurationSchedule {

    private static final Logger log = LoggerFactory.getLogger(CurationSchedule.class);

    private final WorkspaceLedger ledger;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CurationSettings settings;
    private final Clock clock = Clock.systemUTC();

    CurationSchedule(WorkspaceLedger ledger, KafkaTemplate<String, byte[]> kafka, CurationSettings settings,
            TaskScheduler scheduler) {
        this.ledger = ledger;
        this.kafka = kafka;
        this.settings = settings;
        if (!settings.purgeEvery().isZero()) {
            scheduler.scheduleWithFixedDelay(this::purgeForgotten, Instant.now().plus(settings.purgeEvery()), settings.purgeEvery());
        }
        if (!settings.consolidateEvery().isZero()) {
            scheduler.scheduleWithFixedDelay(this::consolidateAll, Instant.now().plus(settings.consolidateEvery()),
                    settings.consolidateEvery());
        }
    }

    /** Sends an erase for every memory whose restore window has ended. @return how many were sent */
    int purgeForgotten() {
        Instant cutoff = clock.instant().minus(settings.restoreWindow());
        int sent = 0;
        try {
            for (UUID workspace : ledger.all()) {
                for (var row : ledger.in(workspace).select(MEMORIES.ID, MEMORIES.FORGOTTEN_AT).from(MEMORIES)
                        .where(MEMORIES.STATUS.eq(MemoryStatus.FORGOTTEN.wire()))
                        .and(MEMORIES.FORGOTTEN_AT.lt(cutoff.atOffset(ZoneOffset.UTC))).fetch()) {
                    UUID id = derivedId("purge", row.get(MEMORIES.ID) + "@" + row.get(MEMORIES.FORGOTTEN_AT).toInstant());
                    send(workspace, id, row.get(MEMORIES.ID).toString(),
                            new EraseMemory(row.get(MEMORIES.ID), "restore window ended", null));
                    sent++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("the purge of forgotten memories did not finish; it runs again in {}: {}", settings.purgeEvery(), e.toString());
        }
        return sent;
    }

    /** Sends a consolidation for every workspace. @return how many were sent */
    int consolidateAll() {
        long period = clock.millis() / Math.max(1, settings.consolidateEvery().toMillis());
        int sent = 0;
        try {
            for (UUID workspace : ledger.all()) {
                send(workspace, derivedId("consolidate", workspace + "@" + period), null, new ConsolidateMemories(false, null));
                sent++;
            }
        } catch (RuntimeException e) {
            log.warn("scheduled consolidation did not finish; it runs again in {}: {}", settings.consolidateEvery(), e.toString());
        }
        return sent;
    }

    private void send(UUID workspace, UUID eventId, String subject, MemoryCommand command) {
        EventEnvelope event = EventEnvelope.wrap(eventId, EventSource.INGEST_WORKER, clock.instant(), workspace, null, subject, command);
        try {
            kafka.send(Topic.MEMORY_COMMANDS.topicName(), workspace.toString(), EventCodec.encode(event))
                    .get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + command.type() + " for workspace " + workspace, e);
        }
    }

    private static UUID derivedId(String what, String about) {
        return UUID.nameUUIDFromBytes((what + ":" + about).getBytes(StandardCharsets.UTF_8));
    }
}
