package com.memorylayer.ingest.embedding;

import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EmbedderConfiguration {

    @Bean(destroyMethod = "close")
    TextEmbedder documentEmbedder(EmbeddingProperties properties, MeterRegistry registry) {
        return new TimedEmbedder(BgeSmallEmbedder.load(properties.model(), properties.cacheDirectory()), registry);
    }
}
