package com.memorylayer.ingest.embedding;

import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EmbedderConfiguration {

    @Bean(destroyMethod = "close")
    TextEmbedder documentEmbedder(EmbeddingProperties properties) {
        return BgeSmallEmbedder.load(properties.model(), properties.cacheDirectory());
    }
}
