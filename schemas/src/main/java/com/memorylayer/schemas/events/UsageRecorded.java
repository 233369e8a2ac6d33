package com.memorylayer.schemas.events;

/**
 * Metered units of one API call.
 *
 * @param requests        always 1 for one call; a field so that sums need no special case
 * @param memoriesWritten memories accepted by the call
 * @param recalls         recall queries served by the call
 * @param memoriesEdited    added within v1: memories a curation call asked to edit, annotate, re-tag or move
 *                          (absent in older events: 0)
 * @param memoriesForgotten added within v1: memories a call asked to forget
 * @param memoriesErased    added within v1: memories a call asked to erase
 */
public record UsageRecorded(
        long requests,
        long bytesIn,
        long bytesOut,
        long memoriesWritten,
        long recalls,
        int status,
        long memoriesEdited,
        long memoriesForgotten,
        long memoriesErased) implements UsageEvent {

    public static final String TYPE = "memorylayer.usage.recorded";
    public static final int VERSION = 1;

    /** A call that curated nothing. */
    public UsageRecorded(long requests, long bytesIn, long bytesOut, long memoriesWritten, long recalls, int status) {
        this(requests, bytesIn, bytesOut, memoriesWritten, recalls, status, 0, 0, 0);
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
