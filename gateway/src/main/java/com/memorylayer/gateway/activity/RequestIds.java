package com.memorylayer.gateway.activity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id a request is audited under: the client's {@code X-Request-Id} when it is a short token of safe characters,
 * else one made here. An unchecked header would put up to the header limit (8 KB) of anything into a year of
 * audit rows.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String ATTRIBUTE = RequestIds.class.getName();

    private RequestIds() {
    }

    public static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String known) {
            return known;
        }
        String presented = request.getHeader(HEADER);
        String id = presented != null && SAFE.matcher(presented).matches() ? presented : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }
}
