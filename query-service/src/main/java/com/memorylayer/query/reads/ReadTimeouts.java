package com.memorylayer.query.reads;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.sql.SQLException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Turns a workspace read that Postgres stopped at the read pool's statement timeout (SQLState 57014,
 * query_canceled) into 503 {@code read_timeout}: a stable code instead of an internal error with an incident.
 */
final class ReadTimeouts implements ExecuteListener {

    static final String QUERY_CANCELED = "57014";

    private final long timeoutMillis;

    ReadTimeouts(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void exception(ExecuteContext context) {
        for (Throwable cause = context.sqlException(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                context.exception(new ApiException(ErrorCode.READ_TIMEOUT, "this read of the workspace ran longer than a read may ("
                        + timeoutMillis + " ms) and was stopped; narrow it, or retry later"));
                return;
            }
        }
    }
}
