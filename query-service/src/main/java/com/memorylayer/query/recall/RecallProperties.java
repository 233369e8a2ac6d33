package com.memorylayer.query.recall;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param consistencyWait how long a recall with a consistency token waits for that write to be applied
 * @param candidates      how many results each channel (dense, lexical) hands to fusion
 * @param defaultLimit    results returned when the request names no limit
 * @param maxLimit        the largest limit a request may ask for
 */
@ConfigurationProperties("memorylayer.recall")
public record RecallProperties(Duration consistencyWait, int candidates, int defaultLimit, int maxLimit, int maxQueryChars) {

    public RecallProperties {
        if (candidates < 1 || defaultLimit < 1 || maxLimit < defaultLimit || maxQueryChars < 1) {
            throw new IllegalArgumentException("memorylayer.recall limits are inconsistent");
        }
        consistencyWait = consistencyWait == null ? Duration.ofSeconds(10) : consistencyWait;
    }
}
