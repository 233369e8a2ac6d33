package com.memorylayer.schemas.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event travels in, named after CloudEvents 1.0 ({@code id}, {@code source}, {@code type},
 * {@code specversion}, {@code time}, {@code subject}, {@code datacontenttype}, {@code data}) plus Memorylayer's
 * {@code workspace}, {@code key_id} and {@code version}. Consumers deduplicate by {@code id}.
 *
 * @param workspace the workspace's id (stable across renames); the Kafka record key is the same value
 * @param keyId     the API key that caused the event, or null when none did
 * @param subject   what the event is about, e.g. a memory id; may be null
 */
public record EventEnvelope(
        UUID id,
        String source,
        String type,
        String specversion,
        Instant time,
        String subject,
        String datacontenttype,
        UUID workspace,
        UUID keyId,
        int version,
        EventPayload data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!data.type().equals(type) || data.version() != version) {
            throw new IllegalArgumentException("envelope type/version " + type + "/" + version
                    + " do not match the payload's " + data.type() + "/" + data.version());
        }
    }

    public static EventEnvelope wrap(UUID id, String source, Instant time, UUID workspace, UUID keyId, String subject,
            EventPayload data) {
        return new EventEnvelope(id, source, data.type(), SPEC_VERSION, time, subject, CONTENT_TYPE, workspace, keyId,
                data.version(), data);
    }

    /** The payload as the type a topic's consumer expects; a wrong topic is a contract breach, not data. */
    public <T extends EventPayload> T dataAs(Class<T> payloadType) {
        if (!payloadType.isInstance(data)) {
            throw new IllegalStateException("event " + id + " of type " + type + " is not a " + payloadType.getSimpleName());
        }
        return payloadType.cast(data);
    }
}
