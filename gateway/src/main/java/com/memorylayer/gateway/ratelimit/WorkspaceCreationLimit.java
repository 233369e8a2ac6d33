package com.memorylayer.gateway.ratelimit;

import com.memorylayer.schemas.api.ErrorCode;
import com.memorylayer.web.error.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** How many workspaces a person may create in an hour, in the same Postgres buckets as the request limits. */
@Component
public class WorkspaceCreationLimit {

    private final RateLimitBuckets buckets;
    private final boolean enabled;

    WorkspaceCreationLimit(RateLimitBuckets buckets, RateLimitProperties properties) {
        this.buckets = buckets;
        this.enabled = properties.enabled();
    }

    /** Takes one creation from the person's hourly allowance, or refuses with 429 and when to retry. */
    public void take(UUID person) {
        if (!enabled) {
            return;
        }
        RateLimitDecision decision = buckets.takeWorkspaceCreation(person);
        if (!decision.allowed()) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "you may create " + decision.limit()
                    + " workspaces an hour; retry in " + decision.retryAfterSeconds() + " s").retryAfter(decision.retryAfterSeconds());
        }
    }
}
