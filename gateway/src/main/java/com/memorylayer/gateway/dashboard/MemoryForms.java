package com.memorylayer.gateway.dashboard;

import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A memory form's fields written as the API's body: blank fields are left out (so the route's own default or "no
 * change" applies), a comma-separated tag field becomes the array the route takes. What the values may be is the
 * route's to check, with its own messages.
 */
final class MemoryForms {

    private MemoryForms() {
    }

    static void putText(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value.strip());
        }
    }

    /** A number field; one that is not a number is passed on as text, for the route to refuse by name. */
    static void putNumber(ObjectNode body, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            body.put(field, Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            body.put(field, value.strip());
        }
    }

    static void putTags(ObjectNode body, String field, String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return;
        }
        ArrayNode tags = body.putArray(field);
        Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
    }

    /** What a write came to, for the page's notice: applied with its outcome, or accepted (not applied yet). */
    static String notice(String done, Map<String, Object> answer) {
        Object outcome = answer.get("outcome");
        return "applied".equals(answer.get("status"))
                ? done + " (" + (outcome == null ? "applied" : outcome) + ")."
                : done + ": accepted; it applies in a moment.";
    }
}
