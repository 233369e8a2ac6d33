package com.memorylayer.gateway.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Presents a dashboard filter form to the API's list readers: empty fields are dropped, fields not in
 * {@code allowed} are dropped, and a browser's {@code datetime-local} value (no zone) is read as UTC.
 */
final class FormParameters extends HttpServletRequestWrapper {

    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    FormParameters(HttpServletRequest request, Set<String> allowed) {
        super(request);
        request.getParameterMap().forEach((name, values) -> {
            if (allowed.contains(name) && values.length > 0 && !values[0].isBlank()) {
                parameters.put(name, new String[] {asInstant(values[0].trim())});
            }
        });
    }

    /** A request whose parameters are exactly {@code values}, whatever the browser sent. */
    static FormParameters fixed(HttpServletRequest request, Map<String, String> values) {
        FormParameters fixed = new FormParameters(request, Set.of());
        values.forEach((name, value) -> fixed.parameters.put(name, new String[] {value}));
        return fixed;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null ? null : values[0];
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
