package com.memorylayer.gateway.login;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** GitHub as an OAuth2 client registration, built from our own settings rather than Boot's. */
public final class GitHubClientRegistration {

    public static final String REGISTRATION_ID = "github";

    private GitHubClientRegistration() {
    }

    static ClientRegistration of(GitHubLoginProperties github) {
        return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(github.clientId())
                .clientSecret(github.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                // Only the public profile: Memorylayer needs to know who you are, not your repositories.
                .scope("read:user")
                .authorizationUri(github.authorizationUri())
                .tokenUri(github.tokenUri())
                .userInfoUri(github.userInfoUri())
                .userNameAttributeName("id")
                .clientName("GitHub")
                .build();
    }
}
