package com.memorylayer.gateway.status;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/readiness}, public: {@code 200 ok} when the database, the broker, the query service and its
 * embedding model all answer within their bound, else {@code 503 degraded} naming the parts that did not — what a
 * load balancer, an operator or an agent's first call needs to know. Charged to the caller's address like any
 * anonymous call; answers are reused for {@code memorylayer.readiness.reuse-for}.
 */
@RestController
class ReadinessController {

    private final ReadinessChecks checks;

    ReadinessController(ReadinessChecks checks) {
        this.checks = checks;
    }

    @GetMapping("/v1/readiness")
    ResponseEntity<ReadinessChecks.Readiness> readiness() {
        ReadinessChecks.Readiness readiness = checks.now();
        return ResponseEntity.status(readiness.ok() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(readiness);
    }
}
