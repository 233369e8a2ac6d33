package com.memorylayer.ingest.bulk;

import com.memorylayer.ingest.announce.ChangeAnnouncer;
import com.memorylayer.ingest.consumer.ApplicableRecords;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.IngestItems;
import java.util.ArrayList;
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
 * Consumes {@code memorylayer.memory.bulk} on a consumer of its own, beside the interactive commands' one, so a
 * large run never queues ahead of an agent's remember. Offsets are committed after this returns (ack mode BATCH):
 * each chunk's memory changes are announced before the next chunk starts, and the usage of each request once all
 * its items are applied.
 */
@Component
public class BulkItemsListener implements ParkedCommandApplier {

    public static final String LISTENER_ID = "memory-bulk";
    private static final Logger log = LoggerFactory.getLogger(BulkItemsListener.class);

    private final BulkItemsApplier applier;
    private final WorkspaceLedger workspaces;
    private final ChangeAnnouncer announcer;
    private final TextEmbedder embedder;
    private final ParkedCommands parked;

    BulkItemsListener(BulkItemsApplier applier, WorkspaceLedger workspaces, ChangeAnnouncer announcer, TextEmbedder embedder,
            ParkedCommands parked) {
        this.parked = parked;
        this.applier = applier;
        this.workspaces = workspaces;
        this.announcer = announcer;
        this.embedder = embedder;
    }

    // A record holds up to 1,000 items, so a poll takes few records, and a poll may take minutes to apply.
    @KafkaListener(id = LISTENER_ID, topics = "#{T(com.memorylayer.schemas.topics.Topic).MEMORY_BULK.topicName()}",
            batch = "true", properties = {
                    "max.poll.records=#{@'memorylayer.ingest.bulk-com.memorylayer.ingest.bulk.BulkProperties'.requestsPerPoll()}",
                    "max.poll.interval.ms=#{@'memorylayer.ingest.bulk-com.memorylayer.ingest.bulk.BulkProperties'.maxPollInterval().toMillis()}"})
    void onRequests(List<ConsumerRecord<String, byte[]>> records) {
        applyParked(parked.applyNowOrPark(ParkedCommands.From.BULK, ApplicableRecords.of(records, IngestItems.class, workspaces, log)));
    }

    @Override
    public ParkedCommands.From from() {
        return ParkedCommands.From.BULK;
    }

    @Override
    public void applyParked(List<EventEnvelope> requests) {
        if (requests.isEmpty()) {
            return;
        }
        applier.apply(requests, chunk -> join(announcer.announce(chunk.stored(), chunk.changed())));
        List<CompletableFuture<?>> usage = new ArrayList<>();
        for (EventEnvelope request : requests) {
            long memories = 0;
            long tokens = 0;
            for (IngestItems.Item item : request.dataAs(IngestItems.class).items()) {
                if (item.text() != null) {
                    memories++;
                    tokens += embedder.tokenCount(item.text());
                }
            }
            if (memories > 0) {
                usage.add(announcer.embedded(request, memories, tokens, embedder.modelName()));
            }
        }
        join(usage);
    }

    private static void join(List<CompletableFuture<?>> sends) {
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
}
