package com.memorylayer.query.reads;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * Hands jOOQ one workspace's connections of the workspace-read pool, at most its share at once. A workspace at its
 * share, or a pool with every connection in use, is {@code reads_busy}, not
 * the database being away: Hikari's timeout then carries no cause, where an unreachable Postgres leaves the last
 * connection failure as its cause (and stays {@code database_unavailable}).
 */
final class ReadConnections implements ConnectionProvider {

    private static final long RETRY_AFTER_SECONDS = 1;

    private final HikariDataSource pool;
    private final Semaphore workspaceShare;
    private final int maxPerWorkspace;
    private final Duration wait;

    /**
     * One workspace's connections: at most {@code maxPerWorkspace} at once ({@code workspaceShare}, which its reads of
     * the control schema share with those of its own), each waited for at most {@code wait}.
     */
    ReadConnections(HikariDataSource pool, Semaphore workspaceShare, int maxPerWorkspace, Duration wait) {
        this.pool = pool;
        this.workspaceShare = workspaceShare;
        this.maxPerWorkspace = maxPerWorkspace;
        this.wait = wait;
    }

    @Override
    public Connection acquire() {
        try {
            if (!workspaceShare.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy("this workspace already reads on " + maxPerWorkspace + " connections, as many as one workspace may; "
                        + "retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("interrupted waiting for a workspace-read connection", e);
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            workspaceShare.release();
            if (e.getCause() == null) {
                throw busy("every connection for workspace reads is in use; retry shortly");
            }
            throw new DataAccessException("no connection for a workspace read", e);
        } catch (SQLException | RuntimeException e) {
            workspaceShare.release();
            throw new DataAccessException("no connection for a workspace read", e);
        }
    }

    private static ApiException busy(String message) {
        return new ApiException(ErrorCode.READS_BUSY, message).retryAfter(RETRY_AFTER_SECONDS);
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("could not give a workspace-read connection back", e);
        } finally {
            workspaceShare.release();
        }
    }
}
