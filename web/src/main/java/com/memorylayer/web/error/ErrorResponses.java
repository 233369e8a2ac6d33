package com.memorylayer.web.error;

import com.memorylayer.schemas.api.ApiError;
import com.memorylayer.schemas.api.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the error shape from servlet filters, which answer before Spring MVC (and so {@link ApiErrorHandler})
 * is reached: the guard, the rate limiter, the body limit and the security chain's refusals.
 */
public class ErrorResponses {

    private final ObjectMapper mapper;

    public ErrorResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(code.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(mapper.writeValueAsBytes(ApiError.of(code, message)));
    }
}
