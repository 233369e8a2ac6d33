package com.memorylayer.gateway.graph;

import com.memorylayer.entities.EntityType;
import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.gateway.memory.CommandWrites;
import com.memorylayer.gateway.memory.MemoryFields;
import com.memorylayer.gateway.memory.MemoryReads;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.schemas.events.LinkMemories;
import com.memorylayer.schemas.events.MergeEntities;
import com.memorylayer.schemas.events.UpdateEntity;
import com.memorylayer.web.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * What people tell the entity graph: an entity's aliases and type, merges, links between memories. Each is a
 * command on the log, applied by the ingest worker like any other write ({@code ?wait=true} waits for it).
 */
@RestController
@RequestMapping("/v1/workspaces/{slug}")
class EntityCurationController {

    static final int MAX_ALIASES = 50;
    static final int MAX_ALIAS_CHARS = 200;
    static final int MAX_MERGED = 50;
    private static final Pattern RELATION = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final EntityLookups entities;
    private final MemoryReads memories;
    private final MemoryFields fields;
    private final CommandWrites writes;

    EntityCurationController(EntityLookups entities, MemoryReads memories, MemoryFields fields, CommandWrites writes) {
        this.entities = entities;
        this.memories = memories;
        this.fields = fields;
        this.writes = writes;
    }

    @PatchMapping(path = "/entities/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> update(@PathVariable UUID id, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller) {
        fields.object(body, Set.of("aliases_add", "aliases_remove", "type"));
        List<String> add = aliases(body.get("aliases_add"), "aliases_add");
        List<String> remove = aliases(body.get("aliases_remove"), "aliases_remove");
        String type = fields.text(body.get("type"), "type", 20, false);
        if (type != null && EntityType.fromWire(type).isEmpty()) {
            throw ApiException.invalidField("type", "type must be one of person, organisation, place, project, tool, date, url, "
                    + "path, email, version, other");
        }
        if (add.isEmpty() && remove.isEmpty() && type == null) {
            throw ApiException.invalidField("aliases_add", "give aliases_add, aliases_remove or type");
        }
        entities.requireAll(caller.workspace().id(), List.of(id));
        return writes.submit(caller, UUID.randomUUID(), null, new UpdateEntity(id, add, remove, type, caller.userId()), wait);
    }

    @PostMapping(path = "/entities/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> merge(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean wait,
            WorkspaceCaller caller) {
        fields.object(body, Set.of("into", "from"));
        UUID into = fields.uuid(body.get("into"), "into");
        if (into == null) {
            throw ApiException.invalidField("into", "'into' is required");
        }
        JsonNode from = body.get("from");
        if (from == null || !from.isArray() || from.isEmpty() || from.size() > MAX_MERGED) {
            throw ApiException.invalidField("from", "'from' must be a list of 1 to " + MAX_MERGED + " entity ids");
        }
        Set<UUID> merged = new LinkedHashSet<>();
        for (JsonNode id : from) {
            merged.add(fields.uuid(id, "from"));
        }
        if (merged.contains(into)) {
            throw ApiException.invalidField("from", "an entity cannot be merged into itself");
        }
        List<UUID> named = new ArrayList<>();
        named.add(into);
        named.addAll(merged);
        // One question for all of them, the target first: the first one missing is the one refused, as before.
        entities.requireAll(caller.workspace().id(), named);
        return writes.submit(caller, UUID.randomUUID(), null, new MergeEntities(into, List.copyOf(merged), caller.userId()), wait);
    }

    @PostMapping(path = "/memories/{id}/links", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.WRITE)
    ResponseEntity<Map<String, Object>> link(@PathVariable UUID id, @RequestBody JsonNode body,
            @RequestParam(defaultValue = "false") boolean wait, WorkspaceCaller caller) {
        fields.object(body, Set.of("to", "relation"));
        UUID to = fields.uuid(body.get("to"), "to");
        if (to == null) {
            throw ApiException.invalidField("to", "'to' is required");
        }
        if (to.equals(id)) {
            throw ApiException.invalidField("to", "a memory cannot be linked to itself");
        }
        String relation = fields.text(body.get("relation"), "relation", 64, false);
        relation = relation == null ? "related_to" : relation;
        if (!RELATION.matcher(relation).matches()) {
            throw ApiException.invalidField("relation", "relation must be lower case letters, digits and _ (at most 64)");
        }
        for (UUID memory : List.of(id, to)) {
            if (memories.row(caller.workspace(), memory).isEmpty()) {
                throw new ApiException(ErrorCode.MEMORY_NOT_FOUND, "no memory " + memory + " in this workspace");
            }
        }
        return writes.submit(caller, UUID.randomUUID(), id, new LinkMemories(id, to, relation, caller.userId()), wait);
    }

    private List<String> aliases(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ALIASES) {
            throw ApiException.invalidField(field, "'" + field + "' must be a list of at most " + MAX_ALIASES + " names");
        }
        List<String> aliases = new ArrayList<>();
        for (JsonNode alias : node) {
            if (!alias.isString() || alias.asString().isBlank() || alias.asString().length() > MAX_ALIAS_CHARS) {
                throw ApiException.invalidField(field, "each alias must be a name of 1 to " + MAX_ALIAS_CHARS + " characters");
            }
            aliases.add(alias.asString().strip());
        }
        return aliases;
    }
}
