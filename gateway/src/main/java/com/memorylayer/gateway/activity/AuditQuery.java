package com.memorylayer.gateway.activity;

import com.memorylayer.gateway.activity.ListParameters.TimeRange;
import com.memorylayer.web.error.ApiException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one page of a workspace's audit log is asked for, already checked.
 *
 * @param keyId  only this key's calls, or null for every caller
 * @param status an HTTP status such as {@code 404} or a class such as {@code 4xx}, or null for any
 * @param cursor where the previous page ended, or null for the newest entries
 */
public record AuditQuery(TimeRange range, UUID keyId, String status, int limit, PageCursor cursor) {

    /** The parameters the API route and the dashboard's filter form take. */
    public static final Set<String> PARAMETERS = Set.of("from", "to", "key_id", "status", "limit", "cursor");
    private static final Pattern STATUS = Pattern.compile("[1-5](\\d\\d|xx)");

    public AuditQuery {
        if (status != null && !STATUS.matcher(status).matches()) {
            throw ApiException.invalidField("status", "status must be an HTTP status such as 404, or a class such as 4xx");
        }
        if (cursor != null && cursor.id() == null) {
            // Audit pages end on a (time, event id) pair; a time-only cursor is a usage cursor.
            throw ApiException.invalidField("cursor", "cursor is not one this service issued");
        }
        if (limit < 1 || limit > ListParameters.MAX_LIMIT) {
            throw ApiException.invalidField("limit", "limit must be an integer from 1 to " + ListParameters.MAX_LIMIT);
        }
    }

    /** @throws com.memorylayer.web.error.ApiException naming an unknown or malformed parameter */
    public static AuditQuery parse(ListParameters parameters) {
        return new AuditQuery(parameters.timeRange(), parameters.uuid("key_id"), parameters.text("status"),
                parameters.limit(), parameters.cursor());
    }

    /** The newest {@code limit} entries, unfiltered. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(TimeRange.ALL, null, null, limit, null);
    }
}
