package com.memorylayer.schemas.api;

/**
 * The header on the gateway's internal recall call that says the caller may write ({@code true}). A recall naming an
 * agent session lists its query in that session's handoff and resume block, which agents load as prompt text: only a
 * caller that may write may shape them, so without this header the query service leaves the session as it was.
 */
public final class SessionRecallHeader {

    public static final String NAME = "Memorylayer-Session-Writes";

    private SessionRecallHeader() {
    }
}
