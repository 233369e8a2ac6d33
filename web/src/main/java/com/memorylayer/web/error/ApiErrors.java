package com.memorylayer.web.error;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.ObjectMapper;

/** What a service imports to answer every error in the public shape: the handler, the fallback, the filter writer. */
@Configuration
@Import({ApiErrorHandler.class, FallbackErrorController.class})
public class ApiErrors {

    @Bean
    ErrorResponses errorResponses(ObjectMapper mapper) {
        return new ErrorResponses(mapper);
    }
}
