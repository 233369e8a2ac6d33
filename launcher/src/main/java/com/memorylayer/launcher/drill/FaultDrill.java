package com.memorylayer.launcher.drill;

import com.memorylayer.audit.AuditSinkApplication;
import com.memorylayer.audit.topology.AuditStreams;
import com.memorylayer.audit.topology.InputLag;
import com.memorylayer.gateway.reads.RendezvousHash;
import com.memorylayer.launcher.cluster.ClusterPlan;
import com.memorylayer.launcher.cluster.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The fault drill on a running {@link LocalCluster}: writers (each write with an {@code Idempotency-Key}) and recallers
 * spread over both gateways run for the whole drill while, one at a time with a pause between, a Kafka broker, an
 * ingest worker, the query replica serving the workspace, a gateway and the audit-sink are killed with SIGKILL and
 * started again, and then Postgres is restarted. For each fault it reports the writes answered 202 while it
 * lasted, how many of them were lost (not in the export at the end) or duplicated, the share of recalls answered
 * 200 within the bound while it lasted, and the seconds until the platform had fully recovered (the member ready
 * again, a {@code ?wait=true} write applied and a recall answered through each gateway). After the drill the
 * audit-sink is stopped and replayed from offset 0, and the audit and usage tables compared with what it had built.
 */
public final class FaultDrill {

    private static final Logger log = LoggerFactory.getLogger(FaultDrill.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the audit-sink materialises in the control schema: what a replay must rebuild identically. */
    private static final List<String> AUDIT_TABLES = List.of("audit_events", "usage_workspace_windows", "usage_key_windows");

    /**
     * @param faultLasts how long a killed member stays down before it is started again
     * @param pause quiet time between one fault's recovery and the next fault
     * @param writeRetryLimit how long a writer retries one key before it counts the write as unanswered
     */
    public record Settings(int writers, int recallers, Duration faultLasts, Duration pause, Duration recallBound,
            Duration writePace, Duration recallPace, Duration writeRetryLimit, Duration recoveryTimeout) {

        /**
         * The CI test's scale: short faults and pauses, writers at the full drill's pace. At 150 ms (27 writes a
         * second) the writes a broker fault held back were a backlog the one worker owning the workspace's partition
         * took some 150 s to embed on two cores shared with ten other processes (thread dumps: embedding, not stuck),
         * and a {@code ?wait=true} probe queued behind it: recovery then measured that backlog, and on a slower CI
         * machine outlasted the timeout.
         */
        public static Settings small() {
            return new Settings(4, 2, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(2),
                    Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(90), Duration.ofSeconds(120));
        }

        /**
         * The benchmark's: longer faults and pauses, on a Postgres that syncs its commits, at a pace two ingest workers
         * keep up with on two shared cores. Writers any faster (50 ms, and 150 ms with durable commits) outran what
         * the workers apply here: a backlog that only grows never lets a {@code ?wait=true} probe be applied in time,
         * faults or not, so recovery would never be seen.
         */
        public static Settings full() {
            return new Settings(4, 2, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2),
                    Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(120), Duration.ofSeconds(180));
        }
    }

    /** What one fault did. */
    public record FaultResult(String fault, String member, int writesAccepted, int lost, int duplicated, int recalls,
            int recallsAnswered, int recallsWithinBound, Map<String, Integer> recallOutcomes, double recoverySeconds) {

        public double recallShare() {
            return recalls == 0 ? 1.0 : (double) recallsWithinBound / recalls;
        }
    }

    /** The whole drill. */
    public record Report(List<FaultResult> faults, int writesAccepted, int writesUnanswered, int lost, int duplicated,
            int exported, boolean auditReplayIdentical, List<String> auditReplayDifferences, long auditRows, long usageRows,
            double seconds) {

        /** The report as the Markdown table {@code docs/benchmarks.md} keeps. */
        public String table(Duration recallBound) {
            StringBuilder table = new StringBuilder();
            table.append("| fault | writes answered 202 | lost | duplicated | recalls | answered 200 | 200 within ")
                    .append(recallBound.toMillis()).append(" ms | recall outcomes | seconds to full recovery |\n");
            table.append("|---|---|---|---|---|---|---|---|---|\n");
            for (FaultResult fault : faults) {
                table.append(String.format("| %s (`%s`) | %d | %d | %d | %d | %d | %.0f%% | %s | %.1f |%n", fault.fault(), fault.member(),
                        fault.writesAccepted(), fault.lost(), fault.duplicated(), fault.recalls(), fault.recallsAnswered(),
                        100.0 * fault.recallShare(), fault.recallOutcomes(), fault.recoverySeconds()));
            }
            table.append(String.format("%nWhole drill (%.0f s): %d writes answered 202, %d unanswered after retries, %d lost, %d duplicated,"
                    + " %d drill memories exported; audit replay from offset 0 %s (%d audit rows, %d usage rows).%n",
                    seconds, writesAccepted, writesUnanswered, lost, duplicated, exported,
                    auditReplayIdentical ? "rebuilt identical tables" : "did NOT rebuild identical tables", auditRows, usageRows));
            auditReplayDifferences.forEach(difference -> table.append("- ").append(difference).append('\n'));
            return table.toString();
        }
    }

    private record Fault(String name, String member) {
    }

    private final LocalCluster cluster;
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    public FaultDrill(LocalCluster cluster, Settings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    public Report run() throws Exception {
        long started = System.nanoTime();
        UUID workspaceId = workspaceId(cluster.workspace());
        String servingReplica = servingReplica(workspaceId);
        List<Fault> faults = List.of(
                new Fault("Kafka broker SIGKILL, restarted", "kafka-2"),
                new Fault("ingest worker SIGKILL", "ingest-1"),
                new Fault("query replica SIGKILL (the workspace's)", servingReplica),
                new Fault("gateway SIGKILL", "gateway-1"),
                new Fault("audit-sink SIGKILL", ClusterPlan.AUDIT_SINK),
                new Fault("Postgres restart", ClusterPlan.POSTGRES));
        List<long[]> windows = new ArrayList<>();
        List<Double> recoveries = new ArrayList<>();
        DrillTraffic traffic = new DrillTraffic(cluster.gatewayUrls(), cluster.workspace(), cluster.apiKey(), settings);
        traffic.start();
        try {
            sleep(settings.pause());
            for (int i = 0; i < faults.size(); i++) {
                Fault fault = faults.get(i);
                log.info("drill: {} ({})", fault.name(), fault.member());
                long from = System.nanoTime();
                if (fault.member().equals(ClusterPlan.POSTGRES)) {
                    cluster.stop(ClusterPlan.POSTGRES);
                } else {
                    cluster.kill(fault.member());
                    sleep(settings.faultLasts());
                }
                cluster.start(fault.member());
                long until = System.nanoTime();
                awaitRecovered("fault-" + i, fault.member().startsWith("kafka-"));
                recoveries.add((System.nanoTime() - from) / 1e9);
                windows.add(new long[] {from, until});
                log.info("drill: recovered from {} after {} s", fault.name(), String.format("%.1f", recoveries.getLast()));
                sleep(settings.pause());
            }
        } finally {
            traffic.close();
        }
        List<DrillTraffic.Accepted> accepted = traffic.accepted();
        Map<String, List<UUID>> exported = awaitExported(traffic.marker(), accepted);
        Set<UUID> exportedIds = new HashSet<>();
        exported.values().forEach(exportedIds::addAll);
        List<FaultResult> results = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            long from = windows.get(i)[0];
            long until = windows.get(i)[1];
            int writes = 0;
            int lost = 0;
            int duplicated = 0;
            for (DrillTraffic.Accepted write : accepted) {
                if (write.atNanos() >= from && write.atNanos() <= until) {
                    writes++;
                    lost += exportedIds.contains(write.id()) ? 0 : 1;
                    duplicated += Math.max(0, exported.getOrDefault(write.content(), List.of()).size() - 1);
                }
            }
            int recalls = 0;
            int answered = 0;
            int withinBound = 0;
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            for (DrillTraffic.RecallSample sample : traffic.recalls()) {
                if (sample.atNanos() >= from && sample.atNanos() <= until) {
                    recalls++;
                    String outcome = sample.status() == 0 ? "no answer" : sample.answered()
                            ? (sample.tookNanos() <= settings.recallBound().toNanos() ? "200" : "200 late")
                            : sample.status() + (sample.code() == null ? "" : " " + sample.code());
                    outcomes.merge(outcome, 1, Integer::sum);
                    answered += sample.answered() ? 1 : 0;
                    withinBound += sample.answered() && sample.tookNanos() <= settings.recallBound().toNanos() ? 1 : 0;
                }
            }
            results.add(new FaultResult(faults.get(i).name(), faults.get(i).member(), writes, lost, duplicated, recalls, answered,
                    withinBound, outcomes, recoveries.get(i)));
        }
        int lost = (int) accepted.stream().filter(w -> !exportedIds.contains(w.id())).count();
        int duplicated = exported.values().stream().mapToInt(ids -> ids.size() - 1).sum();
        AuditReplayCheck replay = replayAudit();
        return new Report(results, accepted.size(), traffic.unanswered(), lost, duplicated, exportedIds.size(),
                replay.identical(), replay.differences(), replay.auditRows(), replay.usageRows(), (System.nanoTime() - started) / 1e9);
    }

    /** The query replica the gateways route this workspace's reads to: the one whose death matters to it. */
    private String servingReplica(UUID workspaceId) {
        List<String> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ClusterPlan.QUERY_REPLICAS; i++) {
            urls.add(cluster.queryUrl(i));
            names.add(ClusterPlan.queryNames().get(i));
        }
        String first = RendezvousHash.order(workspaceId, urls, Function.identity()).getFirst();
        return names.get(urls.indexOf(first));
    }

    /**
     * Waits until a write with {@code ?wait=true} is applied and a recall answered 200 within the bound through every
     * gateway, and, after a broker fault, until every partition is fully replicated again.
     */
    private void awaitRecovered(String probe, boolean brokerFault) throws Exception {
        long deadline = System.nanoTime() + settings.recoveryTimeout().toNanos();
        int attempt = 0;
        List<String> seen = List.of();
        while (true) {
            List<String> missing = new ArrayList<>();
            for (String gateway : cluster.gatewayUrls()) {
                appliedWrite(gateway, "drill-probe-" + probe + "-" + attempt).ifPresent(missing::add);
                recalled(gateway).ifPresent(missing::add);
            }
            if (missing.isEmpty() && brokerFault) {
                ClusterReplication.underReplicated(cluster.bootstrapServers()).ifPresent(missing::add);
            }
            if (missing.isEmpty()) {
                return;
            }
            if (!missing.equals(seen)) {
                // Each change of what is still missing, so a slow recovery can be read afterwards.
                log.info("drill: {} not recovered yet: {}", probe, String.join("; ", missing));
                seen = missing;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not recover within " + settings.recoveryTimeout() + " after " + probe
                        + "; last probe: " + String.join("; ", missing));
            }
            attempt++;
            sleep(Duration.ofMillis(500));
        }
    }

    /** Empty once a write through {@code gateway} with {@code ?wait=true} is applied; else what happened instead. */
    private Optional<String> appliedWrite(String gateway, String key) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/workspaces/" + cluster.workspace()
                    + "/memories?wait=true")).timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + cluster.apiKey())
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("content", "Drill probe " + key))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String status = answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("status").asString() : null;
            return "applied".equals(status) ? Optional.empty()
                    : Optional.of(gateway + " write answered " + answer.statusCode() + (status == null ? "" : " " + status));
        } catch (IOException e) {
            return Optional.of(gateway + " write: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Empty once a recall through {@code gateway} answers 200 within the bound; else what happened instead. */
    private Optional<String> recalled(String gateway) {
        long sent = System.nanoTime();
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/workspaces/" + cluster.workspace() + "/recall"))
                    .timeout(settings.recallBound()).header("Authorization", "Bearer " + cluster.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"drill probe\",\"limit\":3}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            long took = System.nanoTime() - sent;
            return answer.statusCode() == 200 && took <= settings.recallBound().toNanos() ? Optional.empty()
                    : Optional.of(gateway + " recall answered " + answer.statusCode() + " in " + took / 1_000_000 + " ms");
        } catch (IOException e) {
            return Optional.of(gateway + " recall: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * The drill's memories in the workspace's export, content to ids, once every accepted write is there or the
     * recovery timeout has passed (what is missing then is lost).
     */
    private Map<String, List<UUID>> awaitExported(String marker, List<DrillTraffic.Accepted> accepted) throws Exception {
        long deadline = System.nanoTime() + settings.recoveryTimeout().toNanos();
        while (true) {
            Map<String, List<UUID>> exported = export(marker);
            Set<UUID> ids = new HashSet<>();
            exported.values().forEach(ids::addAll);
            boolean complete = accepted.stream().allMatch(w -> ids.contains(w.id()));
            if (complete || System.nanoTime() > deadline) {
                return exported;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private Map<String, List<UUID>> export(String marker) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> answer = http.send(HttpRequest.newBuilder(URI.create(cluster.gatewayUrl(1)
                        + "/v1/workspaces/" + cluster.workspace() + "/export")).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + cluster.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the export answered " + answer.statusCode());
        }
        Map<String, List<UUID>> byContent = new HashMap<>();
        try (var lines = answer.body()) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                JsonNode memory = JSON.readTree(line);
                String content = memory.path("content").asString("");
                if (content.startsWith(marker)) {
                    byContent.computeIfAbsent(content, k -> new ArrayList<>()).add(UUID.fromString(memory.path("id").asString()));
                }
            });
        }
        return byContent;
    }

    private record AuditReplayCheck(boolean identical, List<String> differences, long auditRows, long usageRows) {
    }

    /**
     * Stops the audit-sink once it has materialised everything, replays it from offset 0 (in this JVM, with the
     * member's own settings) and compares the tables with what it had built; then starts the member again.
     */
    private AuditReplayCheck replayAudit() throws Exception {
        String before = awaitSettledAuditTables();
        long auditRows = count("control.audit_events");
        long usageRows = count("control.usage_workspace_windows") + count("control.usage_key_windows");
        cluster.stop(ClusterPlan.AUDIT_SINK);
        snapshotAuditTables();
        Path state = Files.createTempDirectory("drill-replay-");
        List<String> args = new ArrayList<>();
        cluster.environment(ClusterPlan.AUDIT_SINK).forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--memorylayer.audit-sink.state-directory=" + state);
        args.add("--memorylayer.audit-sink.replay=true");
        // Not the stopped member's management port: this replay is a sink of its own beside the cluster.
        args.add("--management.server.port=0");
        try (ConfigurableApplicationContext sink = AuditSinkApplication.builder().registerShutdownHook(false).run(args.toArray(String[]::new))) {
            AuditStreams streams = sink.getBean(AuditStreams.class);
            long deadline = System.nanoTime() + settings.recoveryTimeout().toNanos();
            while (!streams.caughtUp() || !digest().equals(before)) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                sleep(Duration.ofMillis(500));
            }
        }
        boolean identical = digest().equals(before);
        List<String> differences = identical ? List.of() : auditDifferences();
        cluster.start(ClusterPlan.AUDIT_SINK);
        return new AuditReplayCheck(identical, differences, auditRows, usageRows);
    }

    /**
     * The tables' digest once the live sink has committed every record on its topics and the tables have then stopped
     * changing for 5 s (its last batch written).
     */
    private String awaitSettledAuditTables() throws Exception {
        long deadline = System.nanoTime() + settings.recoveryTimeout().toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            String last = digest();
            long stableSince = System.nanoTime();
            while (System.nanoTime() - stableSince < Duration.ofSeconds(5).toNanos()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the audit-sink did not catch up, or its tables kept changing with no traffic");
                }
                sleep(Duration.ofMillis(500));
                String now = digest();
                if (!now.equals(last) || InputLag.of(admin, ClusterPlan.AUDIT_SINK_GROUP) > 0) {
                    last = now;
                    stableSince = System.nanoTime();
                }
            }
            return last;
        }
    }

    /** What the sink had built, kept aside so that a replay that differs can say how. */
    private void snapshotAuditTables() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("create schema if not exists drill");
            for (String table : AUDIT_TABLES) {
                statement.execute("drop table if exists drill." + table);
                statement.execute("create table drill." + table + " as select * from control." + table);
            }
        }
    }

    /** Per table, the rows only the live sink wrote and the rows only the replay wrote, with a few of each. */
    private List<String> auditDifferences() throws SQLException {
        List<String> differences = new ArrayList<>();
        for (String table : AUDIT_TABLES) {
            String live = "select * from drill." + table + " except all select * from control." + table;
            String replayed = "select * from control." + table + " except all select * from drill." + table;
            differences.add(String.format("%s: %s rows only before the replay %s, %s rows only after it %s", table,
                    single("select count(*) from (" + live + ") d"), samples(live),
                    single("select count(*) from (" + replayed + ") d"), samples(replayed)));
        }
        return differences;
    }

    private String samples(String rows) throws SQLException {
        return "[" + single("select coalesce(string_agg(x, '; '), '') from (select d::text as x from (" + rows + ") d order by 1 limit 3) s") + "]";
    }

    private String digest() throws SQLException {
        StringBuilder digest = new StringBuilder();
        for (String table : AUDIT_TABLES) {
            digest.append(single("select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from control." + table + " t"))
                    .append('/');
        }
        return digest.toString();
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(single("select count(*) from " + table));
    }

    private UUID workspaceId(String slug) throws SQLException {
        try (Connection connection = connect(); var statement = connection.prepareStatement("select id from control.workspaces where slug = ?")) {
            statement.setString(1, slug);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        }
    }

    private String single(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection connect() throws SQLException {
        Map<String, String> env = cluster.environment(ClusterPlan.AUDIT_SINK);
        return DriverManager.getConnection(cluster.jdbcUrl(), env.get("MEMORYLAYER_DB_USER"), env.get("MEMORYLAYER_DB_PASSWORD"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
