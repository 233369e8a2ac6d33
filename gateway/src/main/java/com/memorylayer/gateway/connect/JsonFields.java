package com.memorylayer.gateway.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object's fields in the order written, which the kits keep so that a person reads them top-down. */
final class JsonFields {

    private JsonFields() {
    }

    /** @param pairs name, value, name, value, …; a value may be null */
    static Map<String, Object> of(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return fields;
    }
}
