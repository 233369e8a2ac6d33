package com.memorylayer.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Materialises the audit topic into Postgres with Kafka Streams. Settings: {@code audit-sink.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditSinkApplication {

    public static final String CONFIG_NAME = "audit-sink";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuditSinkApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
