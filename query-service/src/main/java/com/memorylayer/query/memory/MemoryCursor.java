package com.memorylayer.query.memory;

import com.memorylayer.web.time.StorableTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** Where a page of memories ends: the last one's time and id. Opaque to clients (base64url). */
record MemoryCursor(OffsetDateTime createdAt, UUID id) {

    String encode() {
        String plain = createdAt.toInstant().toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this service issued */
    static MemoryCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            Instant time = Instant.parse(parts[0]);
            if (!StorableTime.storable(time)) {
                throw new IllegalArgumentException("a time no page can start at");
            }
            return new MemoryCursor(time.atOffset(ZoneOffset.UTC), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
