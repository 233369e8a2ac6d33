package com.memorylayer.gateway;

import com.memorylayer.gateway.admin.AdminCommand;
import com.memorylayer.schemas.memory.CurationSettings;
import com.memorylayer.schemas.topics.TopicSettings;
import com.memorylayer.telemetry.trace.Tracing;
import com.memorylayer.web.error.ApiErrors;
import com.memorylayer.web.trace.TraceIdHeader;
import com.memorylayer.web.filter.MemorySelectionParser;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import com.memorylayer.schemas.db.WorkspacePlacementConfiguration;
import tools.jackson.databind.ObjectMapper;

/**
 * The public edge of Memorylayer. Its settings live in {@code gateway.yml} (the module's application.yml under a
 * name of its own, so all four services can share one classpath in the dev launcher).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({TopicSettings.class, CurationSettings.class})
@Import({ApiErrors.class, TraceIdHeader.class, Tracing.class, WorkspacePlacementConfiguration.class})
public class GatewayApplication {

    public static final String CONFIG_NAME = "gateway";

    /**
     * The time every part of the gateway that reckons with it reads (rate-limit refills, sign-in link expiry): the
     * system's, unless a test registers its own to move time on instead of waiting.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The filter language's parser (module web), for the routes that choose memories by filters. */
    @Bean
    MemorySelectionParser memorySelectionParser(ObjectMapper mapper) {
        return new MemorySelectionParser(mapper);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    /** Starts the gateway; {@code admin ...} instead runs an operator command against the database and exits. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCommand.fromEnvironment().run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        builder().run(args);
    }
}
