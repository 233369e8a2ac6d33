package com.memorylayer.gateway.observability;

import java.time.Instant;

/**
 * One step of a workspace's traffic over time: its calls and their failures (usage windows), and how long the audited
 * calls took (the audit trail; null when none was audited in the step).
 */
public record TrafficPoint(Instant start, long requests, long errors, Double p50Ms, Double p95Ms) {
}
