package com.memorylayer.gateway.login;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/** Registers GitHub as the sign-in provider, only when a client id is configured. */
@Configuration
class LoginConfiguration {

    @Bean
    @ConditionalOnExpression("'${memorylayer.github.client-id:}' != ''")
    ClientRegistrationRepository githubRegistration(GitHubLoginProperties github) {
        return new InMemoryClientRegistrationRepository(GitHubClientRegistration.of(github));
    }
}
