package com.memorylayer.gateway.memory;

import static com.memorylayer.schemas.jooq.control.Tables.IDEMPOTENCY_KEYS;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.digest.Sha256;
import com.memorylayer.web.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys of writes. A key belongs to its caller (the API key, or the signed-in person, within the
 * workspace): another caller's same key is another write. The first body a key came with is remembered for
 * {@code memorylayer.memory.idempotency-window}; the same key with another body in that time is refused (409)
 * instead of being taken for a retry and silently dropped.
 */
@Component
public class IdempotencyKeys {

    static final int MAX_KEY_CHARS = 255;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final DSLContext dsl;
    private final MemoryProperties properties;

    IdempotencyKeys(DSLContext dsl, MemoryProperties properties) {
        this.dsl = dsl;
        this.properties = properties;
    }

    /** The event id of this write: the same for a retry (same caller, key and body), a fresh one without a key. */
    public UUID eventId(WorkspaceCaller caller, String key, byte[] body) {
        if (key == null) {
            return UUID.randomUUID();
        }
        if (key.isBlank() || key.length() > MAX_KEY_CHARS) {
            throw ApiException.invalidField("Idempotency-Key", "the Idempotency-Key header must be 1-" + MAX_KEY_CHARS + " characters");
        }
        String scope = caller.workspace().id() + "/" + (caller.keyId() != null ? "key:" + caller.keyId() : "user:" + caller.userId());
        byte[] hash = Sha256.of(body);
        // The body is part of the id: once the window has passed, the same key with a new body is a new write.
        UUID eventId = UUID.nameUUIDFromBytes(("remember\n" + scope + "\n" + key + "\n" + HexFormat.of().formatHex(hash))
                .getBytes(StandardCharsets.UTF_8));
        dsl.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.CALLER, scope)
                .set(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY, key)
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, hash)
                .set(IDEMPOTENCY_KEYS.EVENT_ID, eventId)
                .onConflictDoNothing().execute();
        UUID first = dsl.select(IDEMPOTENCY_KEYS.EVENT_ID).from(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.CALLER.eq(scope)).and(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
                .fetchOne(IDEMPOTENCY_KEYS.EVENT_ID);
        if (first != null && !first.equals(eventId)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used with a different body; use a new key for a new write");
        }
        return eventId;
    }

    /** Forgets keys older than the window. */
    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void forgetOld() {
        try {
            dsl.deleteFrom(IDEMPOTENCY_KEYS)
                    .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(OffsetDateTime.now().minus(properties.idempotencyWindow())))
                    .execute();
        } catch (RuntimeException e) {
            log.warn("could not forget old idempotency keys: {}", e.toString());
        }
    }
}
