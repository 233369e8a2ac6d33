package com.memorylayer.gateway.activity;

import com.memorylayer.gateway.activity.ListParameters.TimeRange;
import com.memorylayer.web.error.ApiException;
import java.util.Set;
import java.util.UUID;

/**
 * What one page of usage windows is asked for, already checked.
 *
 * @param granularity {@code minute} or {@code day}
 * @param keyId       one key's windows, or null for the whole workspace's
 * @param cursor      where the previous page ended, or null for the oldest windows
 */
public record UsageQuery(String granularity, TimeRange range, UUID keyId, int limit, PageCursor cursor) {

    /** The parameters the API route and the dashboard's filter form take. */
    public static final Set<String> PARAMETERS = Set.of("granularity", "from", "to", "key_id", "limit", "cursor");
    private static final Set<String> GRANULARITIES = Set.of("minute", "day");

    public UsageQuery {
        if (!GRANULARITIES.contains(granularity)) {
            throw ApiException.invalidField("granularity", "granularity must be minute or day");
        }
        if (limit < 1 || limit > ListParameters.MAX_LIMIT) {
            throw ApiException.invalidField("limit", "limit must be an integer from 1 to " + ListParameters.MAX_LIMIT);
        }
    }

    /** @throws com.memorylayer.web.error.ApiException naming an unknown or malformed parameter */
    public static UsageQuery parse(ListParameters parameters) {
        String granularity = parameters.text("granularity");
        return new UsageQuery(granularity == null ? "day" : granularity, parameters.timeRange(),
                parameters.uuid("key_id"), parameters.limit(), parameters.cursor());
    }
}
