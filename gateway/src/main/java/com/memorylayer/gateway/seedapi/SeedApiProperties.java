package com.memorylayer.gateway.seedapi;

import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code memorylayer.seed-api.*}: the seed service's {@code /api/...} routes, kept as deprecated aliases.
 *
 * @param deprecatedSince when the aliases were deprecated, sent as every alias answer's {@code Deprecation} date
 *                        (RFC 9745); default 2026-12-07T00:00:00Z, when they were added
 */
@ConfigurationProperties("memorylayer.seed-api")
record SeedApiProperties(@DefaultValue("2026-12-07T00:00:00Z") Instant deprecatedSince) {
}
