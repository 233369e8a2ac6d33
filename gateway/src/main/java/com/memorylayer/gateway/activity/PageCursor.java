package com.memorylayer.gateway.activity;

import com.memorylayer.web.error.ApiException;
import com.memorylayer.web.time.StorableTime;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of a list starts: the last row's time and id. Opaque to clients (base64url), so its
 * shape can change; a cursor that does not decode is a 400 on {@code cursor}.
 *
 * @param id null where the time alone is unique in the list (usage windows)
 */
public record PageCursor(Instant time, UUID id) {

    public String encode() {
        String plain = time.getEpochSecond() + "." + time.getNano() + (id == null ? "" : "." + id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            Instant time = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (!StorableTime.storable(time)) {
                throw new IllegalArgumentException("a time no page can start at");
            }
            return new PageCursor(time, parts.length == 3 ? UUID.fromString(parts[2]) : null);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw ApiException.invalidField("cursor", "cursor is not one this service issued");
        }
    }
}
