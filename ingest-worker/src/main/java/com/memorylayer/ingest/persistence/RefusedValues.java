package com.memorylayer.ingest.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Which failures no retry can cure: Postgres refusing a value itself. A batch that fails on one is applied again
 * command by command, so that only the refused command is rejected; any other failure fails the batch, which is
 * retried until it applies.
 */
public final class RefusedValues {

    private RefusedValues() {
    }

    /**
     * Applies the entries in one go; if Postgres refuses a value, one by one, handing each refused entry (and what
     * refused it) to {@code refused}. Any other failure propagates, so the batch is retried until it applies.
     *
     * @param apply applies some entries in one transaction
     */
    public static <T> void applyRefusingAlone(List<T> entries, Consumer<List<T>> apply, BiConsumer<T, RuntimeException> refused) {
        try {
            apply.accept(entries);
            return;
        } catch (RuntimeException e) {
            if (!isRefusedValue(e)) {
                throw e;
            }
        }
        for (T entry : entries) {
            try {
                apply.accept(List.of(entry));
            } catch (RuntimeException e) {
                if (!isRefusedValue(e)) {
                    throw e;
                }
                refused.accept(entry, e);
            }
        }
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
