package com.memorylayer.schemas.events;

/**
 * Embedding work the ingest worker did for one remember command. Its event id is derived from the command's, so
 * a batch the worker applies twice (a crash before its offset commit) emits the same event twice and is
 * counted once.
 *
 * @param memories how many memories were embedded (1 per command today)
 * @param tokens   model tokens fed to the embedder, after truncation to its input limit
 * @param model    the embedding model and variant
 */
public record MemoriesEmbedded(long memories, long tokens, String model) implements UsageEvent {

    public static final String TYPE = "memorylayer.usage.embedded";
    public static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }
}
