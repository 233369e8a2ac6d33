package com.memorylayer.ingest.graph;

import com.memorylayer.entities.EntityExtractor;
import com.memorylayer.entities.graph.GraphIndexer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The entity graph the worker keeps beside the memories ({@code memorylayer.graph.enabled}, on by default). The
 * OpenNLP models load once, in about a second, from the classpath.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "memorylayer.graph.enabled", havingValue = "true", matchIfMissing = true)
class GraphConfiguration {

    @Bean
    GraphIndexer graphIndexer() {
        return new GraphIndexer(EntityExtractor.english());
    }
}
