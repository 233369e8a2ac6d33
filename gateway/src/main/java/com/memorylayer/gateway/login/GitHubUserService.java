package com.memorylayer.gateway.login;

import java.util.Map;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;

/**
 * Turns GitHub's user-info answer ({@code id}, {@code login}, {@code name}, {@code avatar_url}) into our own user
 * row. The numeric id is the identity: a GitHub login can be renamed and then taken by someone else.
 */
@Component
class GitHubUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

    private final OAuth2UserService<OAuth2UserRequest, OAuth2User> github = new DefaultOAuth2UserService();
    private final UserDirectory users;

    GitHubUserService(UserDirectory users) {
        this.users = users;
    }

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) throws OAuth2AuthenticationException {
        Map<String, Object> attributes = github.loadUser(request).getAttributes();
        Object id = attributes.get("id");
        Object login = attributes.get("login");
        if (!(id instanceof Number number) || !(login instanceof String name) || name.isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info",
                    "GitHub's user info lacked a numeric id or a login", null));
        }
        return users.signedIn(number.longValue(), name, text(attributes.get("name")), text(attributes.get("avatar_url")));
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
