package com.memorylayer.gateway.members;

import com.memorylayer.gateway.access.MemberRole;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A new invite with its clear token, which exists only in this answer. */
public record IssuedInvite(UUID id, String token, MemberRole role, OffsetDateTime expiresAt) {
}
