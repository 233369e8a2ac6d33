package com.memorylayer.ingest.persistence;

import java.sql.SQLException;

/**
 * Which failures no retry can cure: Postgres refusing a value itself. A batch that fails on one is applied again
 * command by command, so that only the refused command is rejected; any other failure fails the batch, which is
 * retried until it applies.
 */
public final class RefusedValues {

    private RefusedValues() {
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation), anywhere in the causes. */
    public static boolean isRefusedValue(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
