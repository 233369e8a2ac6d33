package com.memorylayer.gateway.ratelimit;

/**
 * Which limit refused a call: how the 429's message names it, and the {@code bucket} tag of
 * {@code memorylayer.ratelimit.refusals} (a fixed set, never a key, address or workspace).
 */
enum RefusedBucket {

    /** Sign-in calls, per address and person. */
    SIGN_IN("sign-in rate limit", "sign_in"),
    /** The calling key's own bucket, the signed-in person's, or the address's when no key is presented. */
    CALLER("rate limit", "caller"),
    /** Shared by every key of one workspace. */
    WORKSPACE("workspace rate limit", "workspace"),
    /** Shared by every workspace of one owner. */
    OWNER("owner rate limit", "owner");

    private final String label;
    private final String tag;

    RefusedBucket(String label, String tag) {
        this.label = label;
        this.tag = tag;
    }

    String label() {
        return label;
    }

    String tag() {
        return tag;
    }
}
