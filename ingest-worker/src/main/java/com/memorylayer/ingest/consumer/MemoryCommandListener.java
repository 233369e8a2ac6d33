package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.announce.ChangeAnnouncer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the memory commands topic in batches. Offsets are committed by the container after this method
 * returns (ack mode BATCH), i.e. only after the database commit and the memory-changed events are acknowledged;
 * a crash before that redelivers the batch, which the idempotent writer absorbs.
 *
 * <p>Each command in the batch also yields a usage event for its embedding work, with an id derived from the
 * command's. It is emitted for commands found already applied too: a crash between the database commit and the
 * usage send would otherwise lose it, and the audit-sink counts each id once.
 */
@Component
class MemoryCommandListener {

    static final String LISTENER_ID = "memory-commands";
    private static final Logger log = LoggerFactory.getLogger(MemoryCommandListener.class);

    private final MemoryCommandApplier applier;
    private final WorkspaceLedger workspaces;
    private final ChangeAnnouncer announcer;
    private final TextEmbedder embedder;

    MemoryCommandListener(MemoryCommandApplier applier, WorkspaceLedger workspaces, ChangeAnnouncer announcer,
            TextEmbedder embedder) {
        this.applier = applier;
        this.embedder = embedder;
        this.workspaces = workspaces;
        this.announcer = announcer;
    }

    @KafkaListener(id = LISTENER_ID, topics = "#{T(com.memorylayer.schemas.topics.Topic).MEMORY_COMMANDS.topicName()}",
            batch = "true")
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope event;
            try {
                event = EventCodec.decode(record.value());
                event.dataAs(MemoryCommand.class);
            } catch (RuntimeException e) {
                // A record no build of ours can read would block the partition forever; it is logged and passed.
                log.error("skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                continue;
            }
            decoded.add(event);
        }
        // Asked afresh for every batch, not cached: a workspace deleted after its commands were accepted has no
        // schema left, and one failing command would otherwise fail, and in the end drop, the whole batch.
        Set<UUID> live = workspaces.existing(decoded.stream().map(EventEnvelope::workspace).filter(Objects::nonNull).toList());
        List<EventEnvelope> commands = new ArrayList<>(decoded.size());
        for (EventEnvelope event : decoded) {
            if (live.contains(event.workspace())) {
                commands.add(event);
            } else {
                log.warn("skipping command {} for unknown or deleted workspace {}", event.id(), event.workspace());
            }
        }
        if (commands.isEmpty()) {
            return;
        }
        MemoryCommandApplier.AppliedBatch applied = applier.apply(commands);
        List<CompletableFuture<?>> sends = new ArrayList<>(announcer.announce(applied.stored(), applied.changed()));
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
