package com.memorylayer.gateway.members;

import com.memorylayer.gateway.access.MemberRole;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An invite as listed: never its secret, which is shown once when it is made. */
public record Invite(UUID id, MemberRole role, OffsetDateTime createdAt, OffsetDateTime expiresAt, String createdBy) {
}
