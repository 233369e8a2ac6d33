package com.memorylayer.schemas.events;

/**
 * Metered units of one API call.
 *
 * @param requests        always 1 for one call; a field so that sums need no special case
 * @param memoriesWritten memories accepted by the call
 * @param recalls         recall queries served by the call
 */
public record UsageRecorded(
        long requests,
        long bytesIn,
        long bytesOut,
        long memoriesWritten,
        long recalls,
        int status) implements UsageEvent {

    public static final String TYPE = "memorylayer.usage.recorded";
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
