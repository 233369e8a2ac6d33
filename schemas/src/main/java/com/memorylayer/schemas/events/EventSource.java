package com.memorylayer.schemas.events;

/** The CloudEvents {@code source} of each service that emits events: who wrote an event, for consumers and logs. */
public final class EventSource {

    public static final String GATEWAY = "/memorylayer/gateway";
    public static final String INGEST_WORKER = "/memorylayer/ingest-worker";
    public static final String QUERY_SERVICE = "/memorylayer/query-service";

    private EventSource() {
    }
}
