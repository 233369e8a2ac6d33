package com.memorylayer.gateway.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a workspace route: it needs a caller of the route's workspace — a key, or a signed-in member — with this
 * scope. With {@code people} set, only signed-in members may call it: governing a workspace (members, invites,
 * renaming, deleting) is not something a leaked key should be able to do. With {@code anyScope} set, any key of the
 * workspace and any member may call it whatever their scopes ({@code value} is then ignored): for routes that only say
 * how to reach the workspace, such as the connection kits, which the holder of a write-only key needs as much as anyone.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {
    Scope value();

    boolean people() default false;

    boolean anyScope() default false;
}
