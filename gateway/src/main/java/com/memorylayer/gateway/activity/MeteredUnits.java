package com.memorylayer.gateway.activity;

import jakarta.servlet.http.HttpServletRequest;

/** What one call used, collected while it runs and emitted as a usage event when it ends. */
public final class MeteredUnits {

    private static final String ATTRIBUTE = MeteredUnits.class.getName();

    private long memoriesWritten;
    private long recalls;
    private long memoriesEdited;
    private long memoriesForgotten;
    private long memoriesErased;

    public static MeteredUnits of(HttpServletRequest request) {
        Object units = request.getAttribute(ATTRIBUTE);
        if (units instanceof MeteredUnits existing) {
            return existing;
        }
        MeteredUnits created = new MeteredUnits();
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }

    public void memoriesWritten(long count) {
        memoriesWritten += count;
    }

    public void recalls(long count) {
        recalls += count;
    }

    public void memoriesEdited(long count) {
        memoriesEdited += count;
    }

    public void memoriesForgotten(long count) {
        memoriesForgotten += count;
    }

    public void memoriesErased(long count) {
        memoriesErased += count;
    }

    long memoriesEdited() {
        return memoriesEdited;
    }

    long memoriesForgotten() {
        return memoriesForgotten;
    }

    long memoriesErased() {
        return memoriesErased;
    }

    long memoriesWritten() {
        return memoriesWritten;
    }

    long recalls() {
        return recalls;
    }
}
