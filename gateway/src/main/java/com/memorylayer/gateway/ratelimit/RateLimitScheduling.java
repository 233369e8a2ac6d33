package com.memorylayer.gateway.ratelimit;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the periodic clean-up of refilled buckets. */
@Configuration
@EnableScheduling
class RateLimitScheduling {
}
