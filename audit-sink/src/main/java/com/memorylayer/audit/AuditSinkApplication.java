package com.memorylayer.audit;

import com.memorylayer.schemas.topics.TopicSettings;
import com.memorylayer.telemetry.lag.ConsumerLagSettings;
import com.memorylayer.telemetry.trace.Tracing;
import java.util.Arrays;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Materialises the audit and usage topics into Postgres with Kafka Streams. Settings: {@code audit-sink.yml}.
 * Started with the argument {@code replay}, it first resets itself and rebuilds every table from offset 0.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({TopicSettings.class, ConsumerLagSettings.class})
@EnableScheduling
@Import(Tracing.class)
public class AuditSinkApplication {

    public static final String CONFIG_NAME = "audit-sink";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuditSinkApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        SpringApplicationBuilder builder = builder();
        if (args.length > 0 && args[0].equals("replay")) {
            builder.properties("memorylayer.audit-sink.replay=true");
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        builder.run(args);
    }
}
