package com.memorylayer.gateway.ratelimit;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the periodic clean-up of refilled buckets, and gives the buckets their clock. */
@Configuration
@EnableScheduling
class RateLimitScheduling {

    /** The system's clock; a test registers its own to move time on instead of waiting a minute for a refill. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
