package com.memorylayer.gateway.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A person's role in a workspace. Viewers read memories (the {@code read} scope only); members read and write them;
 * admins also manage keys, invites and members, read the audit log and rename the workspace; owners also delete it and
 * change anyone's role.
 */
public enum MemberRole {
    OWNER, ADMIN, MEMBER, VIEWER;

    /** The key scopes a person with this role has on the workspace's routes. */
    public Set<Scope> scopes() {
        return switch (this) {
            case VIEWER -> EnumSet.of(Scope.READ);
            case MEMBER -> EnumSet.of(Scope.READ, Scope.WRITE);
            case OWNER, ADMIN -> EnumSet.allOf(Scope.class);
        };
    }

    public boolean atLeast(MemberRole other) {
        return ordinal() <= other.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but owner, admin, member or viewer */
    public static MemberRole fromWire(String name) {
        if (name == null) {
            throw new IllegalArgumentException("role is required");
        }
        return switch (name) {
            case "owner" -> OWNER;
            case "admin" -> ADMIN;
            case "member" -> MEMBER;
            case "viewer" -> VIEWER;
            default -> throw new IllegalArgumentException("role is owner, admin, member or viewer, was: " + name);
        };
    }
}
