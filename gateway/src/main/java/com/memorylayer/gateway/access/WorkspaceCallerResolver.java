package com.memorylayer.gateway.access;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a route its admitted {@link WorkspaceCaller} as a parameter. Only routes marked {@link RequiresScope}
 * have one: asking for a caller anywhere else is a programming error, refused when the route is first called
 * (and caught for every route by the gateway's tests) rather than answered with a null.
 */
public class WorkspaceCallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WorkspaceCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        if (!parameter.hasMethodAnnotation(RequiresScope.class)) {
            throw new IllegalStateException(parameter.getExecutable() + " takes a WorkspaceCaller but is not marked @RequiresScope");
        }
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return WorkspaceCaller.of(request).orElseThrow(() -> new IllegalStateException(
                "no caller was admitted for " + parameter.getExecutable()));
    }
}
