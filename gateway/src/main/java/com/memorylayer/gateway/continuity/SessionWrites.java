package com.memorylayer.gateway.continuity;

import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.activity.MeteredUnits;
import com.memorylayer.gateway.memory.CommandWrites;
import com.memorylayer.gateway.reads.QueryForwarder;
import com.memorylayer.schemas.events.RememberMemory;
import com.memorylayer.schemas.events.WriteDiaryEntry;
import com.memorylayer.schemas.memory.AgentSessions;
import com.memorylayer.schemas.memory.MemoryLayer;
import com.memorylayer.schemas.memory.MemoryType;
import com.memorylayer.web.error.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A session's writes as the REST routes and the MCP tools both make them: diary lines, and handoff packets built by
 * the query service and saved as memories of kind {@code handoff}.
 */
@Component
class SessionWrites {

    static final double HANDOFF_IMPORTANCE = 0.6;

    private final CommandWrites writes;
    private final QueryForwarder queryService;
    private final ObjectMapper mapper;

    SessionWrites(CommandWrites writes, QueryForwarder queryService, ObjectMapper mapper) {
        this.writes = writes;
        this.queryService = queryService;
        this.mapper = mapper;
    }

    /** One diary line into the command log, as {@code entryId}. */
    ResponseEntity<Map<String, Object>> diaryLine(WorkspaceCaller caller, UUID entryId, String sessionId, String entry,
            boolean wait) {
        return writes.submit(caller, entryId, entryId, new WriteDiaryEntry(entryId, sessionId, entry, Instant.now(), caller.userId()),
                wait);
    }

    /**
     * The session's packet, built by the query service (once {@code consistencyToken}'s write is applied, if given),
     * and saved as a memory when {@code memoryId} is given.
     *
     * @param memoryId the id to save the packet as, or null to build it only
     * @param units    the request's usage meter, or null when the caller counts the write itself
     */
    CompletableFuture<ResponseEntity<byte[]>> packet(WorkspaceCaller caller, String sessionId, JsonNode limit,
            String checkpointNote, String consistencyToken, UUID memoryId, MeteredUnits units) {
        boolean save = memoryId != null;
        Map<String, Object> build = new LinkedHashMap<>();
        if (limit != null && !limit.isNull()) {
            build.put("limit", limit);
        }
        if (checkpointNote != null) {
            build.put("checkpoint_note", checkpointNote.isEmpty() ? null : checkpointNote);
        }
        if (consistencyToken != null) {
            build.put("consistency_token", consistencyToken);
        }
        return queryService.post(caller.workspace().id(), session(sessionId) + "/handoff", mapper.writeValueAsBytes(build))
                .thenApply(built -> {
                    if (!built.getStatusCode().is2xxSuccessful()) {
                        return built;
                    }
                    JsonNode answered = mapper.readTree(built.getBody());
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("packet", answered.path("packet"));
                    answer.put("saved", save);
                    if (save) {
                        Map<String, Object> saved = saveAsMemory(caller, memoryId, sessionId, answered, checkpointNote != null);
                        answer.put("memory_id", saved.get("id"));
                        answer.put("status", saved.get("status"));
                        answer.put("consistency_token", saved.get("consistency_token"));
                        if (units != null) {
                            units.memoriesWritten(1);
                        }
                    }
                    // Saving is a write like any other: the log took it (202), the ingest worker stores it.
                    return ResponseEntity.status(save ? HttpStatus.ACCEPTED : HttpStatus.OK).contentType(MediaType.APPLICATION_JSON)
                            .body(mapper.writeValueAsBytes(answer));
                });
    }

    /**
     * A packet is a memory of its own kind, exported, erasable and audited like any other, never merged as a
     * duplicate. What is saved is the query service's saved form: the session's own words and its memories' ids,
     * never their text, so an erase of one of them leaves nothing of it here.
     */
    private Map<String, Object> saveAsMemory(WorkspaceCaller caller, UUID memoryId, String sessionId, JsonNode built,
            boolean checkpoint) {
        List<String> tags = new ArrayList<>(List.of(AgentSessions.HANDOFF_KIND));
        if (checkpoint) {
            tags.add("checkpoint");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = mapper.convertValue(built.path("saved_record"), Map.class);
        RememberMemory remember = new RememberMemory(memoryId, built.path("saved_text").asString("Handoff of session " + sessionId),
                AgentSessions.HANDOFF_KIND, tags, Map.of("handoff", record), HANDOFF_IMPORTANCE, sessionId, "api", Instant.now(),
                MemoryLayer.EPISODIC, MemoryType.NARRATIVE, false, false, caller.userId());
        return writes.submit(caller, memoryId, memoryId, remember, false).getBody();
    }

    /** The session's path on the query service. */
    static String session(String sessionId) {
        return "/sessions/" + UriUtils.encodePathSegment(sessionId, StandardCharsets.UTF_8);
    }

    /** Refuses a session id that is blank, too long or holds a NUL. */
    static void checkSession(String sessionId) {
        AgentSessions.problem(sessionId).ifPresent(problem -> {
            throw ApiException.invalidField("session_id", problem);
        });
    }

    /** The route with the given parameters, those that are set, encoded. */
    static String query(String route, String... namesAndValues) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(route);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                // Form encoding: a '+' in a session id must not come back as a space.
                uri.queryParam(namesAndValues[i], URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        return uri.build(true).toUriString();
    }
}
