package com.memorylayer.schemas.reads.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** Items of a run that came to an outcome, by index. */
public record RunItems(List<Item> items) {

    /**
     * @param outcome {@code stored}, {@code merged_into:<id>} or {@code rejected:<reason>}
     * @param code    and message: only for a rejected item
     */
    public record Item(int index, UUID memoryId, String outcome, @JsonInclude(JsonInclude.Include.NON_NULL) String code,
            @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
    }
}
