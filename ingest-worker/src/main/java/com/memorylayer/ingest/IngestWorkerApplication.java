package com.memorylayer.ingest;

import com.memorylayer.ingest.graph.RebuildGraphCommand;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.TopicSettings;
import com.memorylayer.telemetry.lag.ConsumerLagSettings;
import com.memorylayer.telemetry.trace.Tracing;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import com.memorylayer.schemas.db.WorkspacePlacementConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Applies memory commands from Kafka to the workspace schemas. Settings: {@code ingest-worker.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({TopicSettings.class, CurationSettings.class, ConsumerLagSettings.class})
@EnableScheduling
@Import({Tracing.class, WorkspacePlacementConfiguration.class})
public class IngestWorkerApplication {

    public static final String CONFIG_NAME = "ingest-worker";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestWorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    /** Starts the worker; {@code admin rebuild-graph <slug>} instead rebuilds a workspace's entity graph and exits. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(RebuildGraphCommand.fromEnvironment().run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        builder().run(args);
    }
}
