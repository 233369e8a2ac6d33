package com.memorylayer.gateway.keys;

import com.memorylayer.gateway.access.RequiresScope;
import com.memorylayer.gateway.access.Scope;
import com.memorylayer.gateway.access.WorkspaceCaller;
import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A workspace's API keys: create (the clear key is in this answer only), list, revoke. */
@RestController
@RequestMapping("/v1/workspaces/{slug}/keys")
class KeysController {

    private final ApiKeyIssuer issuer;
    private final ApiKeyDirectory keys;

    private final int maxPerWorkspace;

    KeysController(ApiKeyIssuer issuer, ApiKeyDirectory keys, ApiKeyProperties properties) {
        this.issuer = issuer;
        this.keys = keys;
        this.maxPerWorkspace = properties.maxPerWorkspace();
    }

    /** The answer to a create: the only time the clear key is shown. */
    record CreatedKey(UUID id, String key, String prefix, String name, List<String> scopes, OffsetDateTime expiresAt) {
    }

    @GetMapping
    @RequiresScope(Scope.ADMIN)
    List<ApiKeyListing> list(WorkspaceCaller caller) {
        return keys.list(caller.workspace().id());
    }

    @PostMapping
    @RequiresScope(Scope.ADMIN)
    ResponseEntity<CreatedKey> create(@RequestBody KeyRequest body, WorkspaceCaller caller) {
        Set<Scope> scopes = body.validScopes();
        OffsetDateTime expiresAt = body.expiresAt();
        if (caller.keyId() != null) {
            // A key makes keys only within itself: no scope it lacks, no life beyond its own; and what it makes is
            // revoked with it.
            if (!scopes.stream().allMatch(caller::allows)) {
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "a key cannot make a key with scopes it does not have");
            }
            Optional<OffsetDateTime> parentExpiry = issuer.expiryOf(caller.keyId());
            if (parentExpiry.isPresent()) {
                if (expiresAt == null) {
                    expiresAt = parentExpiry.get();
                } else if (expiresAt.isAfter(parentExpiry.get())) {
                    throw ApiException.invalidField("expires_at",
                            "'expires_at' must not be later than the creating key's own expiry, " + parentExpiry.get());
                }
            }
        }
        issuer.requireRoom(caller.workspace().id(), maxPerWorkspace);
        IssuedApiKey issued = issuer.issue(caller.workspace().id(), body.name().strip(), scopes, expiresAt,
                caller.userId(), caller.keyId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedKey(issued.id(), issued.token().value(),
                ApiKeyToken.visiblePrefix(issued.token().prefix()), issued.name(),
                scopes.stream().map(Scope::wireName).sorted().toList(), expiresAt));
    }

    @DeleteMapping("/{keyId}")
    @RequiresScope(Scope.ADMIN)
    ResponseEntity<Void> revoke(@PathVariable UUID keyId, WorkspaceCaller caller) {
        if (!issuer.revoke(caller.workspace().id(), keyId)) {
            throw new ApiException(ErrorCode.KEY_NOT_FOUND, "no such key in this workspace");
        }
        return ResponseEntity.noContent().build();
    }
}
