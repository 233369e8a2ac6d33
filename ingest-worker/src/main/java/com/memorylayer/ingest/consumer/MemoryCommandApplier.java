package com.memorylayer.ingest.consumer;

import com.memorylayer.ingest.persistence.MemoryWriter;
import com.memorylayer.ingest.persistence.MemoryWriter.AppliedRemember;
import com.memorylayer.ingest.persistence.StoredMemory;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.MemoryCommand;
import com.memorylayer.schemas.events.RememberMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Applies one polled batch of commands: skips those already applied, embeds the rest in one batched inference
 * call (the embedder is the ingest path's bottleneck, and batching is where its throughput comes from), then
 * writes each workspace's share in one transaction.
 */
@Component
class MemoryCommandApplier {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MemoryCommandApplier.class);

    private final TextEmbedder embedder;
    private final MemoryWriter writer;

    MemoryCommandApplier(TextEmbedder embedder, MemoryWriter writer) {
        this.embedder = embedder;
        this.writer = writer;
    }

    List<StoredMemory> apply(List<EventEnvelope> commands) {
        Map<UUID, List<EventEnvelope>> byWorkspace = new LinkedHashMap<>();
        for (EventEnvelope command : commands) {
            byWorkspace.computeIfAbsent(command.workspace(), w -> new ArrayList<>()).add(command);
        }
        Map<UUID, List<EventEnvelope>> toApply = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        byWorkspace.forEach((workspace, events) -> {
            Set<UUID> applied = writer.alreadyApplied(workspace, events.stream().map(EventEnvelope::id).toList());
            List<EventEnvelope> fresh = events.stream().filter(e -> !applied.contains(e.id())).toList();
            toApply.put(workspace, fresh);
            for (EventEnvelope event : fresh) {
                texts.add(switch (event.dataAs(MemoryCommand.class)) {
                    case RememberMemory remember -> remember.content();
                });
            }
        });
        long embedStart = System.nanoTime();
        float[][] vectors = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        long embedMs = (System.nanoTime() - embedStart) / 1_000_000;
        long writeStart = System.nanoTime();
        List<StoredMemory> stored = new ArrayList<>();
        int next = 0;
        for (Map.Entry<UUID, List<EventEnvelope>> entry : toApply.entrySet()) {
            List<AppliedRemember> remembers = new ArrayList<>();
            for (EventEnvelope event : entry.getValue()) {
                switch (event.dataAs(MemoryCommand.class)) {
                    case RememberMemory remember -> remembers.add(new AppliedRemember(event.id(), remember, vectors[next++]));
                }
            }
            if (!remembers.isEmpty()) {
                stored.addAll(write(entry.getKey(), remembers));
            }
        }
        log.debug("embedded {} texts in {} ms, wrote {} memories in {} ms", texts.size(), embedMs, stored.size(),
                (System.nanoTime() - writeStart) / 1_000_000);
        return stored;
    }

    /**
     * Writes one workspace's share in one transaction. When Postgres refuses a value itself (a data or constraint
     * error, which no retry can cure), the commands are written one by one and only the refused ones are skipped:
     * batches are otherwise retried until they apply, and one such command would stop ingest for everyone.
     */
    private List<StoredMemory> write(UUID workspace, List<AppliedRemember> remembers) {
        try {
            return writer.remember(workspace, remembers, embedder.modelName());
        } catch (RuntimeException e) {
            if (!refusedValue(e)) {
                throw e;
            }
        }
        List<StoredMemory> stored = new ArrayList<>();
        for (AppliedRemember one : remembers) {
            try {
                stored.addAll(writer.remember(workspace, List.of(one), embedder.modelName()));
            } catch (RuntimeException e) {
                if (!refusedValue(e)) {
                    throw e;
                }
                log.error("skipping command {} of workspace {}: Postgres refuses its values ({})", one.eventId(), workspace,
                        e.getMessage());
            }
        }
        return stored;
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation). */
    static boolean refusedValue(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
