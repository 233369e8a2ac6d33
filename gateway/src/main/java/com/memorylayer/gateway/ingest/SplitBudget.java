package com.memorylayer.gateway.ingest;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.Map;

/**
 * What splitting one request may still make. Splitting can make more text than it was given (CSV repeats the header
 * in every row's item, auto repeats a section's heading in every chunk), so sizes are checked as pieces are built,
 * before they exist: a request that would go past either bound stops there with a 413, however large it would grow.
 */
final class SplitBudget {

    private final int maxItemChars;
    private final long maxTotalChars;
    private long made;

    private SplitBudget(int maxItemChars, long maxTotalChars) {
        this.maxItemChars = maxItemChars;
        this.maxTotalChars = maxTotalChars;
    }

    /** A fresh budget for one request. */
    static SplitBudget of(SplitLimits limits) {
        return new SplitBudget(limits.maxItemChars(), limits.maxTotalChars());
    }

    /** For re-joining pieces of the input (no repetition), which the final pieces are counted for. */
    static SplitBudget unbounded() {
        return new SplitBudget(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    int maxItemChars() {
        return maxItemChars;
    }

    /** Counts an item about to be built; refuses the request if it is longer than an item may be, or one too many. */
    void item(long chars, String what) {
        if (chars > maxItemChars) {
            throw new ApiException(ErrorCode.SPLIT_TOO_LARGE, what + " would be an item of " + chars
                    + " characters; an item may hold at most " + maxItemChars + " (the request stopped there; nothing was accepted)",
                    Map.of("characters", chars, "max_item_characters", maxItemChars));
        }
        add(chars, what);
    }

    /** Counts text about to be added to an item; refuses the request once all of it comes to more than it may. */
    void add(long chars, String what) {
        made += chars;
        if (made > maxTotalChars) {
            throw new ApiException(ErrorCode.SPLIT_TOO_LARGE, "splitting 'content' would make more than " + maxTotalChars
                    + " characters of items (it stopped at " + what + "); send the text in smaller requests",
                    Map.of("max_split_characters", maxTotalChars));
        }
    }
}
