package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.announce.ChangeAnnouncer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumes the memory commands topic in batches. Offsets are committed by the container after this method
 * returns (ack mode BATCH), i.e. only after the database commit and the memory-changed events are acknowledged;
 * a crash before that redelivers the batch, which the idempotent writer absorbs.
 *
 * <p>Each command in the batch also yields a usage event for its embedding work, with an id derived from the
 * command's. It is emitted for commands found already applied too: a crash between the database commit and the
 * usage send would otherwise lose it, and the audit-sink counts each id once.
 *
 * <p>The workspace-wide maintenance commands in the batch are queued by the applier and forwarded here to
 * {@code memorylayer.memory.maintenance}, after the database commit and before the offsets: so they run after every
 * command accepted before them, on a consumer of their own ({@link MaintenanceListener}). A crash in between
 * forwards them again, and the maintenance consumer applies each once.
 */
@Component
class MemoryCommandListener {

    static final String LISTENER_ID = "memory-commands";
    private static final Logger log = LoggerFactory.getLogger(MemoryCommandListener.class);

    private final MemoryCommandApplier applier;
    private final WorkspaceLedger workspaces;
    private final ChangeAnnouncer announcer;
    private final TextEmbedder embedder;
    private final KafkaTemplate<String, byte[]> kafka;
    private final AppliedCommandMeters meters;

    MemoryCommandListener(MemoryCommandApplier applier, WorkspaceLedger workspaces, ChangeAnnouncer announcer,
            TextEmbedder embedder, KafkaTemplate<String, byte[]> kafka, AppliedCommandMeters meters) {
        this.meters = meters;
        this.applier = applier;
        this.kafka = kafka;
        this.embedder = embedder;
        this.workspaces = workspaces;
        this.announcer = announcer;
    }

    @KafkaListener(id = LISTENER_ID, topics = "#{T(com.memorylayer.schemas.topics.Topic).MEMORY_COMMANDS.topicName()}",
            batch = "true")
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> commands = ApplicableRecords.of(records, MemoryCommand.class, workspaces, log);
        if (commands.isEmpty()) {
            return;
        }
        MemoryCommandApplier.AppliedBatch applied = applier.apply(commands);
        meters.count(applied.applied());
        List<CompletableFuture<?>> sends = new ArrayList<>(announcer.announce(applied.stored(), applied.changed()));
        for (EventEnvelope queued : applied.queued()) {
            sends.add(kafka.send(Topic.MEMORY_MAINTENANCE.topicName(), queued.workspace().toString(), EventCodec.encode(queued)));
        }
        for (EventEnvelope command : commands) {
            String text = CommandDispatcher.textOf(command.dataAs(MemoryCommand.class));
            if (text != null) {
                sends.add(announcer.embedded(command, 1, embedder.tokenCount(text), embedder.modelName()));
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        log.debug("applied {} commands", commands.size());
    }
}
