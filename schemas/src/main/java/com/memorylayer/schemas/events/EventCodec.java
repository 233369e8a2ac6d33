package com.memorylayer.schemas.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns envelopes into the JSON bytes that go on Kafka and back. Field names are snake_case, times ISO-8601.
 *
 * <p>Decoding picks the payload class from {@code type} and {@code version}; an unknown pair is rejected rather
 * than guessed, so a consumer never acts on an event it does not understand.
 */
public final class EventCodec {

    /** An event type at one version: what a JSON Schema, and a payload class, is published for. */
    record TypeVersion(String type, int version) {
    }

    private static final Map<TypeVersion, Class<? extends EventPayload>> PAYLOADS = Map.ofEntries(
            entry(RememberMemory.TYPE, RememberMemory.VERSION, RememberMemory.class),
            entry(EditMemory.TYPE, EditMemory.VERSION, EditMemory.class),
            entry(AnnotateMemory.TYPE, AnnotateMemory.VERSION, AnnotateMemory.class),
            entry(ChangeStatus.TYPE, ChangeStatus.VERSION, ChangeStatus.class),
            entry(EraseMemory.TYPE, EraseMemory.VERSION, EraseMemory.class),
            entry(BatchChange.TYPE, BatchChange.VERSION, BatchChange.class),
            entry(DedupeMemories.TYPE, DedupeMemories.VERSION, DedupeMemories.class),
            entry(ConsolidateMemories.TYPE, ConsolidateMemories.VERSION, ConsolidateMemories.class),
            entry(MemoriesAccessed.TYPE, MemoriesAccessed.VERSION, MemoriesAccessed.class),
            entry(UpdateEntity.TYPE, UpdateEntity.VERSION, UpdateEntity.class),
            entry(MergeEntities.TYPE, MergeEntities.VERSION, MergeEntities.class),
            entry(LinkMemories.TYPE, LinkMemories.VERSION, LinkMemories.class),
            entry(WriteDiaryEntry.TYPE, WriteDiaryEntry.VERSION, WriteDiaryEntry.class),
            entry(SessionRecalls.TYPE, SessionRecalls.VERSION, SessionRecalls.class),
            entry(IngestItems.TYPE, IngestItems.VERSION, IngestItems.class),
            entry(MemoryStored.TYPE, MemoryStored.VERSION, MemoryStored.class),
            entry(MemoryChanged.TYPE, MemoryChanged.VERSION, MemoryChanged.class),
            entry(RequestAudited.TYPE, RequestAudited.VERSION, RequestAudited.class),
            entry(RefusalsCounted.TYPE, RefusalsCounted.VERSION, RefusalsCounted.class),
            entry(UsageRecorded.TYPE, UsageRecorded.VERSION, UsageRecorded.class),
            entry(MemoriesEmbedded.TYPE, MemoriesEmbedded.VERSION, MemoriesEmbedded.class));

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    private static Map.Entry<TypeVersion, Class<? extends EventPayload>> entry(String type, int version,
            Class<? extends EventPayload> payload) {
        return Map.entry(new TypeVersion(type, version), payload);
    }

    /** Every type and version this build can decode. */
    static Set<TypeVersion> knownTypes() {
        return PAYLOADS.keySet();
    }

    public static byte[] encode(EventEnvelope envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    public static EventEnvelope decode(byte[] json) {
        try {
            ObjectNode tree = (ObjectNode) MAPPER.readTree(json);
            String type = text(tree, "type");
            int version = tree.path("version").asInt(-1);
            Class<? extends EventPayload> payloadType = PAYLOADS.get(new TypeVersion(type, version));
            if (payloadType == null) {
                throw new UnknownEventException("unknown event type " + type + " version " + version);
            }
            EventPayload data = MAPPER.treeToValue(tree.required("data"), payloadType);
            tree.remove("data");
            EnvelopeFields fields = MAPPER.treeToValue(tree, EnvelopeFields.class);
            return new EventEnvelope(fields.id(), fields.source(), fields.type(), fields.specversion(), fields.time(),
                    fields.subject(), fields.datacontenttype(), fields.workspace(), fields.keyId(), fields.version(), data);
        } catch (JacksonException | ClassCastException e) {
            throw new UnknownEventException("not a Memorylayer event: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope's {@code time}, read without decoding the rest: for a stream processor that orders or
     * windows events by when they happened. Null when the bytes have no readable time.
     */
    public static Instant timeOf(byte[] json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("time".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? Instant.parse(parser.getString()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException | DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node == null ? null : node.asString();
    }

    private record EnvelopeFields(java.util.UUID id, String source, String type, String specversion,
            java.time.Instant time, String subject, String datacontenttype, java.util.UUID workspace,
            java.util.UUID keyId, int version) {
    }

    /** Bytes on a Memorylayer topic that are not an event this build understands. */
    public static final class UnknownEventException extends RuntimeException {
        UnknownEventException(String message) {
            super(message);
        }

        UnknownEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
