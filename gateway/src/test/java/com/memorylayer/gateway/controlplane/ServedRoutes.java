package com.memorylayer.gateway.controlplane;

import java.util.HashSet;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The routes a running gateway serves, read from its handler mappings, to check that a route named in documentation
 * or content exists. Routes are compared as {@code "GET /v1/workspaces/{}/ingest/runs/{}"}: the names of path
 * variables do not matter, their places do.
 */
final class ServedRoutes {

    private final Set<String> routes = new HashSet<>();

    ServedRoutes(ApplicationContext context) {
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add("ANY " + erased(pattern));
                    }
                    methods.forEach(method -> routes.add(method.name() + " " + erased(pattern)));
                }
            });
        }
    }

    /** @param route {@code "METHOD /path"} */
    boolean serves(String route) {
        String[] parts = route.split(" ", 2);
        return parts.length == 2 && (routes.contains(parts[0] + " " + erased(parts[1])) || routes.contains("ANY " + erased(parts[1])));
    }

    int size() {
        return routes.size();
    }

    private static String erased(String path) {
        return path.replaceAll("\\{[^}/]*}", "{}");
    }
}
