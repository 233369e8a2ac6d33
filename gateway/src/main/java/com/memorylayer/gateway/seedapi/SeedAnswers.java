package com.memorylayer.gateway.seedapi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The seed's answer shapes, each wrapping what our route answered. */
final class SeedAnswers {

    private SeedAnswers() {
    }

    record Status(String workspace, Object stats) {
    }

    record RecentMemory(UUID id, String content, String layer, Double importance, OffsetDateTime createdAt) {
    }

    record Recent(String workspace, List<RecentMemory> memories) {
    }

    record Search(String workspace, Object results) {
    }

    record Remember(String workspace, Object result) {
    }

    record IngestSummary(String sourceName, String sourceType, long itemCount, long characterCount, String layer,
            String memoryType, Object runId, Object status) {
    }

    record Ingest(String workspace, IngestSummary ingest) {
    }

    record PreviewSummary(Object itemCount, Object characterCount, List<Object> preview, Object largestItemChars) {
    }

    record Preview(String splitMode, PreviewSummary ingestPreview) {
    }

    record Runs(String workspace, Object runs) {
    }

    record Events(String workspace, Object events) {
    }

    record UsageSummary(long totalCalls, long clientErrors, long serverErrors, String granularity) {
    }

    record Usage(String workspace, UsageSummary summary, Object events) {
    }

    record Export(String workspace, Instant exportedAt, Object memories) {
    }

    record BridgeResult(String workspace, String tool, Object result) {
    }

    record BridgeTool(String name, String summary, String group, Object args, Object inputSchema) {
    }

    record BridgeTools(String workspace, String transport, String callUrl, List<BridgeTool> tools) {
    }
}
