package com.memorylayer.schemas.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One accepted request of an ingest run: its items, each applied once by the ingest worker and counted in the run.
 * All of a request's items travel in this one record, so a request is in the log entirely or not at all.
 *
 * @param runId       the run the items belong to
 * @param runKind     {@code ingest} or {@code import}
 * @param sourceName  what the run says it reads, e.g. a file name; may be null
 * @param sourceType  what kind of source, e.g. {@code notes}; may be null
 * @param items       the request's items in index order
 * @param actorUserId the signed-in person who sent it, or null for a key
 */
public record IngestItems(UUID runId, String runKind, String sourceName, String sourceType, List<Item> items,
        UUID actorUserId) implements IngestCommand {

    public static final String TYPE = "memorylayer.ingest.items";
    public static final int VERSION = 1;

    public IngestItems {
        Objects.requireNonNull(runId, "runId");
        if (!"ingest".equals(runKind) && !"import".equals(runKind)) {
            throw new IllegalArgumentException("run kind must be ingest or import, was " + runKind);
        }
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * One item at its index in the run: exactly one of a memory to remember, an exported memory to recreate, or the
     * reason the gateway already refused it (recorded as the item's outcome, so nothing is dropped silently).
     */
    public record Item(int index, RememberMemory remember, ImportedMemory imported, Rejection rejected) {

        public Item {
            if (index < 0) {
                throw new IllegalArgumentException("item index must not be negative, was " + index);
            }
            int given = (remember == null ? 0 : 1) + (imported == null ? 0 : 1) + (rejected == null ? 0 : 1);
            if (given != 1) {
                throw new IllegalArgumentException("an item is exactly one of remember, imported or rejected");
            }
        }

        /** The text the worker embeds for it, or null for a refused item. */
        public String text() {
            return remember != null ? remember.content() : imported != null ? imported.content() : null;
        }
    }

    /** Why the gateway refused an item: an error code and a message, as an API error would say it. */
    public record Rejection(String code, String message) {

        public Rejection {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The item's own event id, as memory changes name it: one per item, the same on every redelivery. */
    public static UUID itemEventId(UUID runId, int index) {
        return UUID.nameUUIDFromBytes(("ingest-item\n" + runId + "\n" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
