package com.memorylayer.gateway.login;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The GitHub OAuth app people sign in through. With no client id the gateway still serves the API; the sign-in
 * page then says how to configure one. The three URIs are GitHub's and only change to point tests at a local
 * OAuth2 server.
 */
@ConfigurationProperties("memorylayer.github")
public record GitHubLoginProperties(String clientId, String clientSecret, String authorizationUri, String tokenUri,
        String userInfoUri) {

    public GitHubLoginProperties {
        authorizationUri = orDefault(authorizationUri, "https://github.com/login/oauth/authorize");
        tokenUri = orDefault(tokenUri, "https://github.com/login/oauth/access_token");
        userInfoUri = orDefault(userInfoUri, "https://api.github.com/user");
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
