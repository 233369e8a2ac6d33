package com.memorylayer.gateway.mcp;

import com.memorylayer.web.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** What tools that map onto a route's own method need from the call they run in. */
public final class ToolRequests {

    private ToolRequests() {
    }

    /**
     * The HTTP request the tool runs in (tools run on the request thread), so a route's method can meter its usage on
     * it as it does for REST.
     */
    public static HttpServletRequest current() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }

    /** A memory id argument. */
    public static UUID memoryId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("memory_id", "'memory_id' must be a memory's id (a UUID)");
        }
    }
}
