package com.memorylayer.infra;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The manifest sets every check runs on: the base's files always, and each overlay as kubectl renders it where
 * kubectl is on the PATH (assumed away, not failed, where it is not). Each set is read or rendered once per JVM.
 */
final class ManifestSets {

    static final String BASE = "base";
    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod");
    private static final Map<String, Manifests> LOADED = new ConcurrentHashMap<>();

    private ManifestSets() {
    }

    /** {@code base} and every overlay: the argument source of the parameterised checks. */
    static List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(BASE), OVERLAYS.stream()).toList();
    }

    /** The set, or a skipped test when it is an overlay and kubectl is absent. */
    static Manifests load(String name) {
        if (!name.equals(BASE)) {
            assumeTrue(Kubectl.available(), "kubectl is not on the PATH: " + name + " is not rendered here (the base's files still are checked)");
        }
        return LOADED.computeIfAbsent(name, n -> n.equals(BASE) ? Manifests.base() : Manifests.rendered(n).orElseThrow());
    }
}
