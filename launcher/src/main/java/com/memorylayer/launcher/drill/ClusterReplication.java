package com.memorylayer.launcher.drill;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/** Whether every partition of every topic has all its replicas in sync again (after a broker came back). */
final class ClusterReplication {

    private ClusterReplication() {
    }

    /** Empty when every partition has a leader and all its replicas in sync; else how many do not, and a few of them. */
    static Optional<String> underReplicated(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
            List<String> lagging = topics.values().stream()
                    .flatMap(t -> t.partitions().stream()
                            .filter(p -> p.leader() == null || p.isr().size() < p.replicas().size())
                            .map(p -> t.name() + "-" + p.partition()))
                    .sorted().toList();
            return lagging.isEmpty() ? Optional.empty()
                    : Optional.of(lagging.size() + " partitions not fully in sync, e.g. " + lagging.subList(0, Math.min(5, lagging.size())));
        } catch (Exception e) {
            return Optional.of("cannot describe the topics: " + e);
        }
    }
}
