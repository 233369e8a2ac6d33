package com.memorylayer.ingest;

import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.TopicSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Applies memory commands from Kafka to the workspace schemas. Settings: {@code ingest-worker.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({TopicSettings.class, CurationSettings.class})
@EnableScheduling
public class IngestWorkerApplication {

    public static final String CONFIG_NAME = "ingest-worker";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestWorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
