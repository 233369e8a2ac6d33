package com.memorylayer.schemas.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The data of an event. Each topic lists the payloads it may carry as a sealed interface, so a consumer's
 * {@code switch} over them is checked by the compiler when a new event type is added.
 */
public sealed interface EventPayload permits MemoryCommand, IngestCommand, MemoryChange, AuditEvent, UsageEvent {

    /** The CloudEvents {@code type}, stable across versions. */
    @JsonIgnore
    String type();

    /** The payload's schema version; a breaking change takes a new version, never an edit of an old one. */
    @JsonIgnore
    int version();
}
