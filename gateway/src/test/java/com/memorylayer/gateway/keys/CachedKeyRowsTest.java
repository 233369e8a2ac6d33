package com.memorylayer.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.schemas.db.WorkspaceSchemaName;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** When a kept key row may be used, and when it must be read again. */
class CachedKeyRowsTest {

    private static final KeyRow ROW = new KeyRow(UUID.randomUUID(),
            new Workspace(UUID.randomUUID(), "acme", "Acme", new WorkspaceSchemaName("ws_" + "0".repeat(32))), new byte[32],
            Set.of(Scope.READ), null, null, null);

    private final AtomicInteger reads = new AtomicInteger();
    private final Function<String, Optional<KeyRow>> read = prefix -> {
        reads.incrementAndGet();
        return Optional.of(ROW);
    };

    private static CachedKeyRows cache(boolean enabled) {
        return new CachedKeyRows(new KeyCacheProperties(enabled, Duration.ofMinutes(5), 100, Duration.ofSeconds(1)));
    }

    @Test
    void whileListeningARowIsReadOnceAndKept() {
        CachedKeyRows rows = cache(true);
        rows.listening(true);

        assertThat(rows.find("p1", read)).contains(ROW);
        assertThat(rows.find("p1", read)).contains(ROW);

        assertThat(reads).hasValue(1);
        assertThat(rows.serving()).isTrue();
    }

    @Test
    void withoutTheListenerEveryCallReadsPostgres() {
        CachedKeyRows rows = cache(true);
        rows.find("p1", read);
        rows.find("p1", read);
        assertThat(reads).hasValue(2);

        rows.listening(true);
        rows.find("p1", read);
        rows.listening(false);
        rows.find("p1", read);
        assertThat(reads).as("a row kept while listening is not used once the listener is gone").hasValue(4);
        assertThat(rows.serving()).isFalse();
    }

    @Test
    void aNoticeDropsEveryKeptRow() {
        CachedKeyRows rows = cache(true);
        rows.listening(true);
        rows.find("p1", read);
        rows.find("p2", read);

        rows.forgetAll();
        rows.find("p1", read);
        rows.find("p2", read);

        assertThat(reads).hasValue(4);
    }

    @Test
    void aRowReadWhileAChangeWasNoticedIsNotKept() {
        CachedKeyRows rows = cache(true);
        rows.listening(true);
        // The notice arrives while the row is being read: what was read may predate the change.
        rows.find("p1", prefix -> {
            reads.incrementAndGet();
            rows.forgetAll();
            return Optional.of(ROW);
        });
        rows.find("p1", read);

        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnknownPrefixIsNeverKept() {
        CachedKeyRows rows = cache(true);
        rows.listening(true);
        Function<String, Optional<KeyRow>> unknown = prefix -> {
            reads.incrementAndGet();
            return Optional.empty();
        };
        rows.find("p1", unknown);
        rows.find("p1", unknown);

        assertThat(reads).hasValue(2);
        assertThat(rows.size()).isZero();
    }

    @Test
    void disabledItNeverKeepsARow() {
        CachedKeyRows rows = cache(false);
        rows.listening(true);
        rows.find("p1", read);
        rows.find("p1", read);

        assertThat(reads).hasValue(2);
        assertThat(rows.serving()).isFalse();
    }

    @Test
    void aWrittenLastUseReplacesTheKeptRow() {
        CachedKeyRows rows = cache(true);
        rows.listening(true);
        rows.find("p1", read);
        KeyRow used = ROW.usedAt(OffsetDateTime.now());

        rows.used("p1", used);

        assertThat(rows.find("p1", read)).contains(used);
        assertThat(reads).hasValue(1);
    }
}
