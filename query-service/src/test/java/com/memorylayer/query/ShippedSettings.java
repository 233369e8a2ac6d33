package com.memorylayer.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Settings as the query service binds them from its shipped {@code query-service.yml}: the same file, resolved
 * and converted by Spring's {@link Binder}, so a test built on them fails when the shipped defaults change.
 * Only the environment given here is seen, never the machine's, so a developer's variables cannot change a result.
 */
public final class ShippedSettings {

    private ShippedSettings() {
    }

    public static <T> T bind(String prefix, Class<T> type) {
        return bind(prefix, type, Map.of());
    }

    /** @param environment variables as the operating system would pass them, e.g. {@code MEMORYLAYER_RECALL_FUSION} */
    public static <T> T bind(String prefix, Class<T> type, Map<String, Object> environment) {
        StandardEnvironment spring = new StandardEnvironment();
        MutablePropertySources sources = spring.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        String file = QueryServiceApplication.CONFIG_NAME + ".yml";
        try {
            new YamlPropertySourceLoader().load(file, new ClassPathResource(file)).forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return Binder.get(spring).bindOrCreate(prefix, type);
    }
}
