package com.memorylayer.gateway.seedapi;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The deprecation headers go on before admission (order 0), so a refused alias call is told of its successor too. */
@Configuration
class SeedApiWebConfig implements WebMvcConfigurer {

    private final DeprecationHeaders headers;

    SeedApiWebConfig(DeprecationHeaders headers) {
        this.headers = headers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(headers).order(-1);
    }
}
