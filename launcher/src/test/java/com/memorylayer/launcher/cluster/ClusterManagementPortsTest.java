package com.memorylayer.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every service of {@code cluster up} runs on one machine, so each is told a management port of its own; with the
 * settings files' defaults (9090-9093) the second gateway, query replica or worker could not start its actuator.
 */
class ClusterManagementPortsTest {

    private final ClusterPlan plan = new ClusterPlan(Path.of("/repo"), Path.of("/repo/.memorylayer-cluster"),
            new ClusterPlan.ClusterPorts(List.of(9101, 9102, 9103), List.of(9201, 9202, 9203), 5433, List.of(8180, 8182),
                    List.of(8181, 8183), List.of(9190, 9191, 9192, 9193, 9194, 9195, 9196)), "cluster-id", "db-password",
            "secret", true, Map.of());

    @Test
    void eachServiceIsToldItsOwnPlannedManagementPort() {
        List<MemberSpec> members = plan.members("java", List.of("-cp", "x", "Node"), Path.of("/pg/bin/postgres"));
        List<String> ports = new ArrayList<>();
        for (String service : ClusterPlan.serviceNames()) {
            MemberSpec member = members.stream().filter(m -> m.name().equals(service)).findFirst().orElseThrow();
            String port = member.environment().get("MEMORYLAYER_MANAGEMENT_PORT");
            assertThat(port).as(service).isEqualTo(Integer.toString(plan.managementPort(service)));
            ports.add(port);
        }
        assertThat(new HashSet<>(ports)).as("distinct management ports").hasSize(ClusterPlan.serviceNames().size());
    }
}
