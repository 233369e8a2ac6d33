package com.memorylayer.gateway.auth;

import com.memorylayer.gateway.keys.ApiKeyScope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a workspace route: it needs a key of the route's workspace with this scope. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {
    ApiKeyScope value();
}
