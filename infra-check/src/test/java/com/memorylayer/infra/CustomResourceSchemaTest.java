package com.memorylayer.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every custom resource (Strimzi's Kafka, KafkaNodePool and KafkaTopic, CloudNativePG's Cluster, prometheus-operator's
 * ServiceMonitor, PodMonitor and PrometheusRule) is valid against the published schema of the operator version the
 * README names, vendored under {@code src/test/resources/crds/}.
 */
class CustomResourceSchemaTest {

    private static final CrdSchemas CRDS = CrdSchemas.vendored();
    /** The API groups infra/k8s uses whose kinds are not built into Kubernetes. */
    private static final List<String> CUSTOM_GROUPS = List.of("kafka.strimzi.io", "postgresql.cnpg.io", "monitoring.coreos.com");

    static List<String> sets() {
        return ManifestSets.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyCustomResourceIsValidAgainstItsCrd(String set) {
        Manifests manifests = ManifestSets.load(set);
        List<ObjectNode> custom = manifests.documents().stream()
                .filter(d -> CUSTOM_GROUPS.stream().anyMatch(g -> d.path("apiVersion").asString().startsWith(g + "/"))).toList();
        assertThat(custom).extracting(d -> d.path("kind").asString())
                .contains("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster", "ServiceMonitor", "PodMonitor", "PrometheusRule");
        for (ObjectNode resource : custom) {
            String what = set + ": " + resource.path("apiVersion").asString() + " " + resource.path("kind").asString() + " "
                    + resource.path("metadata").path("name").asString();
            Optional<List<String>> problems = CRDS.problems(resource);
            assertThat(problems).as(what + " has a vendored CRD serving its apiVersion").isPresent();
            assertThat(problems.get()).as(what + " against " + CRDS.source(resource)).isEmpty();
        }
    }

    @Test
    void aTopicWithAMisspeltFieldOrAWrongTypeIsRefused() {
        ObjectNode topic = (ObjectNode) Manifests.parse("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t, labels: {strimzi.io/cluster: memorylayer}}
                spec: {topicName: t, partitions: 6, replicas: 3}
                """).getFirst();
        assertThat(CRDS.problems(topic).orElseThrow()).isEmpty();

        ObjectNode misspelt = topic.deepCopy();
        ((ObjectNode) misspelt.path("spec")).put("replica", 3);
        assertThat(CRDS.problems(misspelt).orElseThrow()).singleElement().asString().contains("replica");

        ObjectNode wrongType = topic.deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("partitions", "six");
        assertThat(CRDS.problems(wrongType).orElseThrow()).isNotEmpty();
    }
}
