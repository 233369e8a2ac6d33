package com.memorylayer.gateway.keys;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Holds one connection of its own (not one of the pool's) on which it {@code LISTEN}s for the notices the control
 * schema's triggers send when a key or a workspace changes (migration V10), and empties {@link CachedKeyRows} on
 * each. While it has no connection the cache stands aside; it reconnects every {@code reconnect-interval}.
 */
@Component
class KeyChangeListener implements SmartLifecycle {

    static final String CHANNEL = "memorylayer_key_changes";
    private static final Logger log = LoggerFactory.getLogger(KeyChangeListener.class);
    /** How long one wait for notices lasts before the thread looks whether it should stop. */
    private static final int POLL_MILLIS = 1000;

    private final CachedKeyRows rows;
    private final Duration reconnectInterval;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    KeyChangeListener(CachedKeyRows rows, KeyCacheProperties properties, Environment environment) {
        this.rows = rows;
        this.reconnectInterval = properties.reconnectInterval();
        this.url = environment.getRequiredProperty("spring.datasource.url");
        this.user = environment.getProperty("spring.datasource.username");
        this.password = environment.getProperty("spring.datasource.password");
    }

    @Override
    public synchronized void start() {
        if (running || !rows.enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("key-change-listener").start(this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        rows.listening(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notices = connection.unwrap(PGConnection.class);
                rows.listening(true);
                if (warned) {
                    log.info("listening for key changes again; cached key rows in use");
                    warned = false;
                }
                while (running) {
                    PGNotification[] received = notices.getNotifications(POLL_MILLIS);
                    if (received != null && received.length > 0) {
                        rows.forgetAll();
                    }
                }
            } catch (SQLException e) {
                rows.listening(false);
                if (!warned && running) {
                    log.warn("not listening for key changes ({}); every call reads its key from Postgres until it can", e.getMessage());
                    warned = true;
                }
            }
            if (running) {
                try {
                    Thread.sleep(reconnectInterval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
