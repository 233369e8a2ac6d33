package com.memorylayer.gateway.memory;

import com.memorylayer.schemas.api.ConsistencyTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signer of the consistency tokens writes answer; the query service checks them under the same secret. */
@Configuration
class ConsistencyTokenConfiguration {

    @Bean
    ConsistencyTokens consistencyTokens(ConsistencyTokenProperties properties) {
        return new ConsistencyTokens(properties.tokenSecret());
    }
}
