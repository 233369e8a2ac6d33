package com.memorylayer.ingest.announce;

import com.memorylayer.ingest.persistence.ChangedMemory;
import com.memorylayer.ingest.persistence.StoredMemory;
import com.memorylayer.schemas.events.EventCodec;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.EventSource;
import com.memorylayer.schemas.events.MemoriesEmbedded;
import com.memorylayer.schemas.events.MemoryChanged;
import com.memorylayer.schemas.events.MemoryStored;
import com.memorylayer.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the rest of the platform what the worker applied: {@code memorylayer.memory.changes} for the query
 * service's warm runtimes, {@code memorylayer.usage} for the embedding work. Callers wait for the sends before
 * their offsets are committed, so a crash redelivers rather than loses an announcement.
 */
@Component
public class ChangeAnnouncer {

    private final KafkaTemplate<String, byte[]> kafka;

    ChangeAnnouncer(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** The stored and changed memories' events, sent; the futures complete when the log holds them. */
    public List<CompletableFuture<?>> announce(List<StoredMemory> stored, List<ChangedMemory> changed) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        Instant now = Instant.now();
        for (StoredMemory memory : stored) {
            MemoryStored change = new MemoryStored(memory.memoryId(), memory.commandEventId(), memory.changeSeq(),
                    memory.created(), memory.outcome());
            sends.add(send(Topic.MEMORY_CHANGES, EventEnvelope.wrap(UUID.randomUUID(), EventSource.INGEST_WORKER, now,
                    memory.workspaceId(), null, memory.memoryId().toString(), change)));
        }
        for (ChangedMemory memory : changed) {
            MemoryChanged change = new MemoryChanged(memory.memoryId(), memory.commandEventId(), memory.change(),
                    memory.outcome(), memory.changeSeq());
            sends.add(send(Topic.MEMORY_CHANGES, EventEnvelope.wrap(UUID.randomUUID(), EventSource.INGEST_WORKER, now,
                    memory.workspaceId(), null, memory.memoryId().toString(), change)));
        }
        return sends;
    }

    /**
     * The embedding work done for one command, as a usage event whose id is derived from the command's: sent again
     * when a redelivered command is found already applied (a crash between the commit and the send would otherwise
     * lose it), and counted once by the audit-sink.
     */
    public CompletableFuture<?> embedded(EventEnvelope command, long memories, long tokens, String model) {
        UUID id = UUID.nameUUIDFromBytes(("embedded:" + command.id()).getBytes(StandardCharsets.UTF_8));
        MemoriesEmbedded usage = new MemoriesEmbedded(memories, tokens, model);
        return send(Topic.USAGE, EventEnvelope.wrap(id, EventSource.INGEST_WORKER, Instant.now(), command.workspace(),
                command.keyId(), command.id().toString(), usage));
    }

    private CompletableFuture<?> send(Topic topic, EventEnvelope event) {
        return kafka.send(topic.topicName(), event.workspace().toString(), EventCodec.encode(event));
    }
}
