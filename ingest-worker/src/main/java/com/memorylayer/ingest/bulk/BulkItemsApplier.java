package com.memorylayer.ingest.bulk;

import com.memorylayer.ingest.curation.Applied;
import com.memorylayer.ingest.curation.CommandDispatcher;
import com.memorylayer.ingest.curation.ImportHandler;
import com.memorylayer.ingest.curation.WorkspaceTx;
import com.memorylayer.ingest.persistence.ChangedMemory;
import com.memorylayer.ingest.persistence.RefusedValues;
import com.memorylayer.ingest.persistence.StoredMemory;
import com.memorylayer.ingest.persistence.WorkspaceLedger;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import com.memorylayer.schemas.events.EventEnvelope;
import com.memorylayer.schemas.events.IngestItems;
import com.memorylayer.schemas.memory.WriteOutcome;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies bulk requests in chunks sized for the embedder: the items of every request in the poll, across runs and
 * workspaces, are embedded a chunk at a time in one inference call, then each workspace's share of the chunk is
 * written in one transaction together with the items' outcomes and the runs' counters, while the next chunk is
 * being embedded. A crash loses at most the
 * chunk in flight: on redelivery the items already recorded are skipped, so each is applied once and counted once.
 */
@Component
class BulkItemsApplier {

    private static final Logger log = LoggerFactory.getLogger(BulkItemsApplier.class);

    private final TextEmbedder embedder;
    private final WorkspaceLedger ledger;
    private final CommandDispatcher dispatcher;
    private final ImportHandler importer = new ImportHandler();
    private final BulkProperties properties;
    /** One thread: it only waits on the embedder, whose own threads do the work. */
    private final ExecutorService embedding = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("bulk-embed").factory());

    BulkItemsApplier(TextEmbedder embedder, WorkspaceLedger ledger, CommandDispatcher dispatcher, BulkProperties properties) {
        this.embedder = embedder;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    /** Lets a running embedding finish (native inference cannot be interrupted) before the embedder closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        embedding.shutdown();
        embedding.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** What one chunk came to, for the memory-change announcements. */
    record AppliedChunk(List<StoredMemory> stored, List<ChangedMemory> changed) {
    }

    private record Pending(EventEnvelope record, IngestItems request, IngestItems.Item item) {

        UUID workspace() {
            return record.workspace();
        }

        UUID eventId() {
            return IngestItems.itemEventId(request.runId(), item.index());
        }

        RunCounts.ItemKey key() {
            return new RunCounts.ItemKey(request.runId(), item.index());
        }
    }

    /**
     * Applies every item of these requests not applied before, in order, calling {@code afterChunk} once each chunk
     * is committed.
     */
    void apply(List<EventEnvelope> records, Consumer<AppliedChunk> afterChunk) {
        List<Pending> work = new ArrayList<>();
        for (EventEnvelope record : records) {
            IngestItems request = record.dataAs(IngestItems.class);
            List<Pending> pending = request.items().stream().map(item -> new Pending(record, request, item)).toList();
            // The run's ledger is the control schema's, perhaps on another server than the workspace: its own
            // transaction, first. Counting a request there is idempotent, so a crash before the next one repeats nothing.
            ledger.control().transaction(c -> RunCounts.acceptInLedger(c.dsl(), record, request));
            // Not embedding again what a delivery before a crash already applied.
            Set<RunCounts.ItemKey> done = ledger.in(record.workspace()).transactionResult(c -> {
                RunCounts.open(c.dsl(), record, request);
                return RunCounts.done(c.dsl(), pending.stream().map(Pending::key).toList());
            });
            pending.stream().filter(p -> !done.contains(p.key())).forEach(work::add);
        }
        int chunkItems = properties.chunkItems();
        List<List<Pending>> chunks = new ArrayList<>();
        for (int start = 0; start < work.size(); start += chunkItems) {
            chunks.add(work.subList(start, Math.min(work.size(), start + chunkItems)));
        }
        // The next chunk is embedded while this one is written: the writes wait on Postgres, not on these cores.
        CompletableFuture<Map<UUID, float[]>> next = chunks.isEmpty() ? null : embedAsync(chunks.getFirst());
        try {
            for (int i = 0; i < chunks.size(); i++) {
                Map<UUID, float[]> vectors = join(next);
                next = i + 1 < chunks.size() ? embedAsync(chunks.get(i + 1)) : null;
                afterChunk.accept(write(chunks.get(i), vectors));
            }
        } finally {
            // A failed write leaves the next chunk's embedding running; the retry should not queue behind it.
            if (next != null) {
                next.cancel(true);
            }
        }
    }

    private CompletableFuture<Map<UUID, float[]>> embedAsync(List<Pending> chunk) {
        return CompletableFuture.supplyAsync(() -> embed(chunk), embedding);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Map<UUID, float[]> embed(List<Pending> chunk) {
        List<String> texts = new ArrayList<>();
        List<UUID> owners = new ArrayList<>();
        for (Pending pending : chunk) {
            String text = pending.item().text();
            if (text != null) {
                texts.add(text);
                owners.add(pending.eventId());
            }
        }
        float[][] vectors = texts.isEmpty() ? new float[0][] : embedder.embed(texts);
        Map<UUID, float[]> vectorOf = new HashMap<>();
        for (int i = 0; i < vectors.length; i++) {
            vectorOf.put(owners.get(i), vectors[i]);
        }
        return vectorOf;
    }

    private AppliedChunk write(List<Pending> chunk, Map<UUID, float[]> vectors) {
        Map<UUID, List<Pending>> byWorkspace = new LinkedHashMap<>();
        for (Pending pending : chunk) {
            byWorkspace.computeIfAbsent(pending.workspace(), w -> new ArrayList<>()).add(pending);
        }
        long writeStart = System.nanoTime();
        AppliedChunk result = new AppliedChunk(new ArrayList<>(), new ArrayList<>());
        byWorkspace.forEach((workspace, items) -> applyWorkspace(workspace, items, vectors, result));
        log.debug("bulk chunk: wrote {} items in {} ms", chunk.size(), (System.nanoTime() - writeStart) / 1_000_000);
        return result;
    }

    /**
     * One workspace's share of a chunk in one transaction; if Postgres refuses a value (which no retry cures), item
     * by item, so that only the refused item is rejected and the run goes on.
     */
    private void applyWorkspace(UUID workspace, List<Pending> items, Map<UUID, float[]> vectors, AppliedChunk result) {
        RefusedValues.applyRefusingAlone(items, some -> inTransaction(workspace, some, vectors, result), (pending, e) -> {
            log.error("rejecting item {} of run {}: Postgres refuses its values ({})", pending.item().index(),
                    pending.request().runId(), e.getMessage());
            ledger.in(workspace).transaction(c -> {
                WorkspaceLedger.lockWrites(c.dsl(), workspace);
                if (RunCounts.done(c.dsl(), List.of(pending.key())).isEmpty()) {
                    RunCounts.record(c.dsl(), List.of(outcome(pending, null, WriteOutcome.rejected("invalid_value"),
                            "invalid_value", "the database refused one of the item's values")), Instant.now().atOffset(ZoneOffset.UTC));
                }
            });
        });
    }

    private void inTransaction(UUID workspace, List<Pending> items, Map<UUID, float[]> vectors, AppliedChunk result) {
        AppliedChunk applied = ledger.in(workspace).transactionResult(c -> {
            WorkspaceLedger.lockWrites(c.dsl(), workspace);
            // Asked again under the lock: after a rebalance another consumer may have applied some meanwhile.
            Set<RunCounts.ItemKey> claimed = RunCounts.done(c.dsl(), items.stream().map(Pending::key).toList());
            AppliedChunk chunk = new AppliedChunk(new ArrayList<>(), new ArrayList<>());
            List<RunCounts.ItemOutcome> outcomes = new ArrayList<>(items.size());
            Instant now = Instant.now();
            for (Pending pending : items) {
                if (claimed.contains(pending.key())) {
                    continue;
                }
                IngestItems.Item item = pending.item();
                if (item.rejected() != null) {
                    outcomes.add(outcome(pending, null, WriteOutcome.rejected(item.rejected().code()), item.rejected().code(),
                            item.rejected().message()));
                    continue;
                }
                UUID memoryId = item.remember() != null ? item.remember().memoryId() : item.imported().id();
                EventEnvelope itemEvent = EventEnvelope.wrap(pending.eventId(), pending.record().source(), pending.record().time(),
                        workspace, pending.record().keyId(), memoryId.toString(), pending.request());
                WorkspaceTx tx = new WorkspaceTx(c.dsl(), workspace, itemEvent, pending.request().actorUserId(), now);
                float[] vector = vectors.get(pending.eventId());
                Applied done = item.remember() != null
                        ? dispatcher.apply(tx, item.remember(), vector, embedder.modelName())
                        : importer.apply(tx, item.imported(), vector, embedder.modelName());
                if (item.remember() == null) {
                    dispatcher.followGraph(tx, done);
                }
                String reason = done.outcome().isRejected() ? done.outcome().wire().substring("rejected:".length()) : null;
                outcomes.add(outcome(pending, done.memoryId(), done.outcome(), reason, reason == null ? null : explain(reason)));
                if (done.stored() != null) {
                    Applied.StoredMemory s = done.stored();
                    chunk.stored().add(new StoredMemory(workspace, s.memoryId(), pending.eventId(), s.changeSeq(), s.created(), s.outcome()));
                }
                for (Applied.ChangedMemory change : done.changes()) {
                    chunk.changed().add(new ChangedMemory(workspace, change.memoryId(), pending.eventId(), change.change(),
                            change.outcome(), change.changeSeq()));
                }
            }
            RunCounts.record(c.dsl(), outcomes, now.atOffset(ZoneOffset.UTC));
            return chunk;
        });
        result.stored().addAll(applied.stored());
        result.changed().addAll(applied.changed());
    }

    private static RunCounts.ItemOutcome outcome(Pending pending, UUID memoryId, WriteOutcome outcome, String code, String message) {
        return new RunCounts.ItemOutcome(pending.request().runId(), pending.item().index(), pending.eventId(), IngestItems.TYPE,
                memoryId, outcome, code, message);
    }

    private static String explain(String reason) {
        return switch (reason) {
            case "memory_id_taken" -> "the workspace already holds a memory with this id";
            case "memory_id_erased" -> "a memory with this id was erased; an erased id is never written again (its receipt stands)";
            default -> reason.replace('_', ' ');
        };
    }
}
