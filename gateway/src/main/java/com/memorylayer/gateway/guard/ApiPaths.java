package com.memorylayer.gateway.guard;

/**
 * Which paths are the API: ours under {@code /v1/}, and the seed service's under {@code /api/}, kept as deprecated
 * aliases of ours. Every filter that meters, audits, rate-limits or exempts API calls asks here, so an alias is
 * treated exactly as the route it stands for and never slips past a check made only on {@code /v1/}.
 */
public final class ApiPaths {

    /** Where the seed's routes live; every one is a deprecated alias of a {@code /v1/} route. */
    public static final String SEED_PREFIX = "/api/";

    private ApiPaths() {
    }

    /** A call of the API: metered, audited and rate-limited as one. */
    public static boolean isApi(String path) {
        return path.startsWith("/v1/") || path.startsWith(SEED_PREFIX);
    }

    /** A workspace route, the only kind a key may call. */
    public static boolean isWorkspaceRoute(String path) {
        return path.startsWith("/v1/workspaces/") || path.startsWith(SEED_PREFIX + "workspaces/");
    }
}
