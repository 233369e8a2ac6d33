package com.memorylayer.gateway.login;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * A person signed in, as our {@code users} row knows them; kept in the HTTP session. People sign in through GitHub;
 * the dev launcher's local operator ({@code githubId} null) through a one-time link on a loopback-bound gateway.
 */
public record SignedInUser(UUID id, Long githubId, String login, String displayName, String avatarUrl)
        implements OAuth2User, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Map<String, Object> getAttributes() {
        return githubId == null ? Map.of("login", login) : Map.of("id", githubId, "login", login);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public String getName() {
        return id.toString();
    }
}
