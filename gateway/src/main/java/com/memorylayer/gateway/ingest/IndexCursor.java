package com.memorylayer.gateway.ingest;

import com.memorylayer.web.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Where the next page of a run's items starts: after an item index. Opaque to clients (base64url). */
final class IndexCursor {

    private static final String PREFIX = "i.";

    private IndexCursor() {
    }

    static String encode(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + index).getBytes(StandardCharsets.UTF_8));
    }

    /** The index the page starts after; -1 without a cursor. */
    static int decode(String cursor) {
        if (cursor == null) {
            return -1;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!plain.startsWith(PREFIX)) {
                throw new IllegalArgumentException(plain);
            }
            return Integer.parseInt(plain.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("cursor", "cursor is not one this service issued");
        }
    }
}
