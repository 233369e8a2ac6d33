package com.memorylayer.query;

import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.telemetry.trace.Tracing;
import com.memorylayer.web.error.ApiErrors;
import com.memorylayer.web.trace.TraceIdHeader;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import com.memorylayer.schemas.db.WorkspacePlacementConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Synchronous recall over warm workspace runtimes. Settings: {@code query-service.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(CurationSettings.class)
@EnableScheduling
@Import({ApiErrors.class, TraceIdHeader.class, Tracing.class, WorkspacePlacementConfiguration.class})
public class QueryServiceApplication {

    public static final String CONFIG_NAME = "query-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
