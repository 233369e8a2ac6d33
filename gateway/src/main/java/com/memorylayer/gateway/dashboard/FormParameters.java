package com.memorylayer.gateway.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dashboard filter form read as the API's list parameters: empty fields are dropped, fields not in
 * {@code allowed} are dropped, and a browser's {@code datetime-local} value (no zone) is read as UTC.
 */
final class FormParameters {

    private FormParameters() {
    }

    /** The form's filled-in, allowed fields, in the order the browser sent them. */
    static Map<String, List<String>> of(HttpServletRequest request, Set<String> allowed) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, given) -> {
            if (allowed.contains(name) && given.length > 0 && !given[0].isBlank()) {
                values.put(name, List.of(asInstant(given[0].trim())));
            }
        });
        return values;
    }

    private static String asInstant(String value) {
        if (value.length() == 16 && value.charAt(10) == 'T') {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }
}
