package com.memorylayer.gateway.memory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param tokenSecret the server secret consistency tokens are signed under (by default the key-hashing secret) */
@ConfigurationProperties("memorylayer.consistency")
record ConsistencyTokenProperties(String tokenSecret) {
}
