package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.announce.ChangeAnnouncer;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.telemetry.trace.RecordTraces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import com.memorylayer.ingest.parking.ParkedCommandApplier;
import com.memorylayer.ingest.parking.ParkedCommands;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
class MemoryCommandListener implements ParkedCommandApplier {

    static final String LISTENER_ID = "memory-commands";
    private static final Logger log = LoggerFactory.getLogger(MemoryCommandListener.class);

    private final MemoryCommandApplier applier;
    private final WorkspaceLedger workspaces;
    private final ChangeAnnouncer announcer;
    private final TextEmbedder embedder;
    private final KafkaTemplate<String, byte[]> kafka;
    private final AppliedCommandMeters meters;
    private final RecordTraces traces;
    private final ParkedCommands parked;

    MemoryCommandListener(MemoryCommandApplier applier, WorkspaceLedger workspaces, ChangeAnnouncer announcer,
            TextEmbedder embedder, KafkaTemplate<String, byte[]> kafka, AppliedCommandMeters meters, RecordTraces traces,
            ParkedCommands parked) {
        this.parked = parked;
        this.meters = meters;
        this.traces = traces;
        this.applier = applier;
        this.kafka = kafka;
        this.embedder = embedder;
        this.workspaces = workspaces;
        this.announcer = announcer;
    }

    @KafkaListener(id = LISTENER_ID, topics = "#{T(com.memorylayer.schemas.topics.Topic).MEMORY_COMMANDS.topicName()}",
            batch = "true")
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        // Those of workspaces whose Postgres server is away (or with commands parked before them) wait apart.
        List<ApplicableRecords.Applicable> applicable = parked.applyNowOrPark(ParkedCommands.From.COMMANDS,
                ApplicableRecords.withHeaders(records, MemoryCommand.class, workspaces, log), ApplicableRecords.Applicable::event);
        applyTraced(applicable);
    }

    @Override
    public ParkedCommands.From from() {
        return ParkedCommands.From.COMMANDS;
    }

    @Override
    public void applyParked(List<EventEnvelope> commands) {
        applyTraced(commands.stream().map(c -> new ApplicableRecords.Applicable(c, new RecordHeaders())).toList());
    }

    private void applyTraced(List<ApplicableRecords.Applicable> applicable) {
        if (applicable.isEmpty()) {
            return;
        }
        // A span per command, in the trace the gateway started for its request: the batch applies them together, so
        // each spans the whole apply.
        Map<UUID, Span> spans = new HashMap<>();
        for (ApplicableRecords.Applicable command : applicable) {
            spans.put(command.event().id(), traces.start("apply " + command.event().type(), command.headers()));
        }
        try {
            apply(applicable.stream().map(ApplicableRecords.Applicable::event).toList(), spans);
        } catch (RuntimeException e) {
            spans.values().forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.values().forEach(Span::end);
        }
    }

    private void apply(List<EventEnvelope> commands, Map<UUID, Span> spans) {
        MemoryCommandApplier.AppliedBatch applied = applier.apply(commands);
        meters.count(applied.applied());
        for (MemoryCommandApplier.AppliedCommand command : applied.applied()) {
            // Logged in the command's span: its trace id, the one the gateway answered, is on the line.
            try (Tracer.SpanInScope scope = traces.inScope(spans.get(command.eventId()))) {
                log.info("applied {} {} in workspace {}: {}", command.type(), command.eventId(), command.workspace(), command.outcome());
            }
        }
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
    }
}
