package com.memorylayer.schemas.events;

/** What the {@code memorylayer.audit} topic carries. */
public sealed interface AuditEvent extends EventPayload permits RequestAudited, RefusalsCounted {
}
