package com.memorylayer.query.consistency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a write's {@code ?wait=true} waits for the ingest worker to apply it. The gateway publishes the command and
 * asks the query service what it came to; the wait happens here, on the consistency poller, without a thread.
 *
 * @param waitTimeout      how long a write waits to be applied before it is answered 202 anyway (10s)
 * @param maxPerWorkspace  writes of one workspace waiting at once (8); more are answered at once, 202 unless
 *                         already applied (what {@code memorylayer.memory.max-waits-per-workspace} was on the gateway)
 * @param maxWaits         writes of all workspaces waiting at once (64), so that the many workspaces of one replica
 *                         cannot hold every gateway request thread waiting (each waiting write holds one there)
 */
@ConfigurationProperties("memorylayer.command-waits")
public record CommandWaitProperties(@DefaultValue("10s") Duration waitTimeout, @DefaultValue("8") int maxPerWorkspace,
        @DefaultValue("64") int maxWaits) {

    public CommandWaitProperties {
        if (waitTimeout.isNegative() || maxPerWorkspace < 0 || maxWaits < maxPerWorkspace) {
            throw new IllegalArgumentException("memorylayer.command-waits limits are inconsistent: wait-timeout " + waitTimeout
                    + ", max-per-workspace " + maxPerWorkspace + ", max-waits " + maxWaits);
        }
    }
}
