package com.memorylayer.query.filter;

import com.memorylayer.web.filter.MemorySelectionParser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration
class FilterConfiguration {

    /** The filter language's parser, shared with the gateway so both read {@code filters} the same way. */
    @Bean
    MemorySelectionParser memorySelectionParser(ObjectMapper mapper) {
        return new MemorySelectionParser(mapper);
    }
}
