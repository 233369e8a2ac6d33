package com.memorylayer.gateway.ingest;

/**
 * Bounds on what splitting one request's {@code content} may make.
 *
 * @param maxItemChars  the longest item (memorylayer.memory.max-content-chars)
 * @param maxTotalChars all items of one request together (memorylayer.ingest.max-split-chars)
 */
record SplitLimits(int maxItemChars, long maxTotalChars) {

    SplitLimits {
        if (maxItemChars <= 0 || maxTotalChars <= 0) {
            throw new IllegalArgumentException("split limits must be positive, were " + maxItemChars + " and " + maxTotalChars);
        }
    }
}
