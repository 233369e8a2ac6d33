package com.memorylayer.gateway.keys;

import com.memorylayer.gateway.access.Scope;
import com.memorylayer.web.error.ApiException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a new key should be: a name, its scopes and an optional expiry; shared by the API and the dashboard.
 *
 * @param expiresAt null for a key that does not expire; otherwise in the future
 */
public record KeyRequest(String name, List<String> scopes, OffsetDateTime expiresAt) {

    static final int MAX_NAME_CHARS = 100;

    /** The validated scopes. @throws ApiException naming the bad field */
    public Set<Scope> validScopes() {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS) {
            throw ApiException.invalidField("name", "name is 1-" + MAX_NAME_CHARS + " characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw ApiException.invalidField("scopes", "scopes lists at least one of read, write, admin");
        }
        Set<Scope> valid = EnumSet.noneOf(Scope.class);
        for (String scope : scopes) {
            switch (scope == null ? "" : scope) {
                case "read", "write", "admin" -> valid.add(Scope.fromWire(scope));
                default -> throw ApiException.invalidField("scopes", "scopes are read, write and admin, not '" + scope + "'");
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            throw ApiException.invalidField("expires_at", "expires_at must be in the future");
        }
        return valid;
    }

}
