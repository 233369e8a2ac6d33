package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.announce.ChangeAnnouncer;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import com.memorylayer.ingest.parking.ParkedCommandApplier;
import com.memorylayer.ingest.parking.ParkedCommands;

/**
 * Consumes {@code memorylayer.memory.maintenance} on a consumer and thread of its own (group
 * {@code memory-maintenance}), one command a poll, so that a workspace's long dedupe, consolidation, batch or entity
 * merge never holds up the command thread that applies every workspace's remembers and edits. The commands arrive
 * here forwarded by {@link MemoryCommandListener}, after the commands accepted before them were applied. Offsets
 * are committed after each command is applied (ack mode BATCH); a failure is retried until it applies, as on the
 * command thread.
 */
@Component
class MaintenanceListener implements ParkedCommandApplier {

    static final String LISTENER_ID = "memory-maintenance";
    private static final Logger log = LoggerFactory.getLogger(MaintenanceListener.class);

    private final MaintenanceApplier applier;
    private final WorkspaceLedger workspaces;
    private final ChangeAnnouncer announcer;
    private final ParkedCommands parked;

    MaintenanceListener(MaintenanceApplier applier, WorkspaceLedger workspaces, ChangeAnnouncer announcer, ParkedCommands parked) {
        this.parked = parked;
        this.applier = applier;
        this.workspaces = workspaces;
        this.announcer = announcer;
    }

    // One command a poll: a pass may take minutes (max-duration), and a poll must end within max.poll.interval.ms.
    @KafkaListener(id = LISTENER_ID, topics = "#{T(com.memorylayer.schemas.topics.Topic).MEMORY_MAINTENANCE.topicName()}",
            batch = "true", properties = {"max.poll.records=1",
                    "max.poll.interval.ms=#{@'memorylayer.ingest.maintenance-com.memorylayer.ingest.consumer.MaintenanceProperties'.maxPollInterval().toMillis()}"})
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        applyParked(parked.applyNowOrPark(ParkedCommands.From.MAINTENANCE, ApplicableRecords.of(records, MemoryCommand.class, workspaces, log)));
    }

    @Override
    public ParkedCommands.From from() {
        return ParkedCommands.From.MAINTENANCE;
    }

    @Override
    public void applyParked(List<EventEnvelope> commands) {
        for (EventEnvelope command : commands) {
            applier.apply(command, changed -> {
                List<CompletableFuture<?>> sends = announcer.announce(List.of(), changed);
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            });
        }
    }
}
