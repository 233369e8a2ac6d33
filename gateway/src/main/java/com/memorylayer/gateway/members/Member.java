package com.memorylayer.gateway.members;

import com.memorylayer.gateway.access.MemberRole;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One person's membership of a workspace, with what the dashboard shows of them. */
public record Member(UUID userId, String login, String name, String avatarUrl, MemberRole role, OffsetDateTime joinedAt) {
}
