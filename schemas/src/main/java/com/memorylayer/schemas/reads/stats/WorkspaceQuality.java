package com.memorylayer.schemas.reads.stats;

/**
 * How well kept a workspace is, over memories not forgotten: the share ever recalled, the share curated (edited,
 * annotated, or moved off active by someone), the share without tags, and content stored more than once.
 */
public record WorkspaceQuality(int memories, double recalledShare, double curatedShare, double untaggedShare, int duplicatesLeft) {
}
