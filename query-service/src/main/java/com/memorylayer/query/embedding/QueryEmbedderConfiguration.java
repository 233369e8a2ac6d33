package com.memorylayer.query.embedding;

import com.memorylayer.retrieval.embedding.BgeSmallEmbedder;
import com.memorylayer.retrieval.embedding.TextEmbedder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class QueryEmbedderConfiguration {

    @Bean(destroyMethod = "close")
    TextEmbedder queryEmbedder(EmbeddingProperties properties) {
        return BgeSmallEmbedder.load(properties.model(), properties.cacheDirectory(), properties.intraOpThreads());
    }
}
