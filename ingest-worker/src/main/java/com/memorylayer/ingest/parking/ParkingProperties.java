package com.memorylayer.ingest.parking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Commands parked while their workspace's Postgres server is away ({@code memorylayer.ingest.parking.*}).
 *
 * @param retryEvery how often the parked workspaces' servers are tried again (5 s), and for how long a server found
 *                   away is taken to be away without asking it again
 * @param drainBatch how many parked commands of one workspace are applied in one go (200)
 */
@ConfigurationProperties("memorylayer.ingest.parking")
public record ParkingProperties(@DefaultValue("5s") Duration retryEvery, @DefaultValue("200") int drainBatch) {

    public ParkingProperties {
        if (drainBatch < 1) {
            throw new IllegalArgumentException("memorylayer.ingest.parking.drain-batch must be at least 1");
        }
    }
}
