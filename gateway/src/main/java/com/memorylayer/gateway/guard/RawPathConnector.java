package com.memorylayer.gateway.guard;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets encoded slashes and backslashes reach the request guard instead of Tomcat rejecting them with a page of
 * its own: the guard refuses them too, but in the API's error shape with the {@code invalid_path} code.
 */
@Configuration
class RawPathConnector {

    @Bean
    TomcatConnectorCustomizer passEncodedSeparatorsToTheGuard() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }
}
