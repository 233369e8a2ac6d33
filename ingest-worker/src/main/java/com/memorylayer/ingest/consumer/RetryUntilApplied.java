package com.memorylayer.ingest.consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A batch that fails is retried until it applies, never skipped: every command in it was already answered 202,
 * and Spring Kafka's default (ten quick attempts, then log and commit) would drop accepted writes of every tenant
 * in the batch after a few milliseconds of database trouble. What no retry can cure is taken out before: records
 * no build can read and commands of deleted workspaces in the listener, commands whose values Postgres refuses in
 * the applier. So what is retried here can succeed once the database does; the partition waits meanwhile.
 */
@Configuration
class RetryUntilApplied {

    @Bean
    CommonErrorHandler commandErrorHandler(RetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
