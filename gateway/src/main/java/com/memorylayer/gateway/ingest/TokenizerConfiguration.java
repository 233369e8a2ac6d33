package com.memorylayer.gateway.ingest;

import com.memorylayer.gateway.memory.MemoryProperties;
import com.memorylayer.retrieval.embedding.BgeModel;
import com.memorylayer.retrieval.embedding.BgeTokenizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** bge-small's tokenizer (both builds share one vocabulary), so splits fit the window the worker's embedder reads. */
@Configuration
class TokenizerConfiguration {

    @Bean(destroyMethod = "close")
    BgeTokenizer bgeTokenizer(IngestProperties properties) {
        return BgeTokenizer.load(BgeModel.FP32, properties.modelCacheDirectory());
    }

    @Bean
    TextSplitter textSplitter(BgeTokenizer tokenizer, IngestProperties ingest, MemoryProperties memory) {
        return new TextSplitter(tokenizer::tokenEnds, BgeTokenizer.WINDOW, new SplitLimits(memory.maxContentChars(), ingest.maxSplitChars()));
    }
}
