package com.memorylayer.schemas.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * The one error shape every HTTP route answers with: a stable machine-readable {@code code} from
 * {@link ErrorCode}, a message for people, and optional details (e.g. the offending field).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String message, Map<String, Object> details) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.wire(), message, Map.of());
    }

    public static ApiError of(ErrorCode code, String message, Map<String, Object> details) {
        return new ApiError(code.wire(), message, details);
    }
}
