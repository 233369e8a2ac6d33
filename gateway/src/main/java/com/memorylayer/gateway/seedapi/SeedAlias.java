package com.memorylayer.gateway.seedapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route as a deprecated alias of one of the seed service's routes: every answer carries {@code Deprecation}
 * and a {@code Link} to {@link #successor()}, and the OpenAPI document marks the operation deprecated.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface SeedAlias {

    /** Our route that replaces the alias, as a template whose {@code {slug}} and {@code {name}} come from the alias's path. */
    String successor();
}
