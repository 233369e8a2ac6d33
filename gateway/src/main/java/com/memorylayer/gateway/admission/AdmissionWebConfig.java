package com.memorylayer.gateway.admission;

import com.memorylayer.gateway.access.WorkspaceCallerResolver;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Admission runs before every workspace route, and the admitted caller is the route's parameter. */
@Configuration
class AdmissionWebConfig implements WebMvcConfigurer {

    private final WorkspaceAdmission admission;

    AdmissionWebConfig(WorkspaceAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // On every route: the annotation, not the path, says which routes need a caller.
        registry.addInterceptor(admission).order(0);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new WorkspaceCallerResolver());
    }
}
