package com.memorylayer.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.memorylayer.schemas.topics.Topic;
import com.memorylayer.schemas.topics.TopicSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * infra/k8s says the same as the services and the code: each Deployment sets every variable its service needs (its
 * settings file and README, {@link ServiceSettings}) and none it does not read; its probes ask the actuator's health
 * groups on the port the service serves them on; the KafkaTopics are the topics of {@link Topic} with the partitions,
 * replication and configs the services' own provisioner would give them; the gateway's DNS name for the query
 * replicas is the headless Service in front of them.
 */
class KubernetesAgreementTest {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    /** The least room a container's memory limit leaves past its heap: metaspace, code cache, thread stacks. */
    private static final long NON_HEAP_MIB = 192;
    private static final Pattern HEAP = Pattern.compile("-Xmx(\\d+)([mMgG])");

    static List<String> sets() {
        return ManifestSets.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void eachDeploymentSetsWhatItsServiceNeedsAndNothingItDoesNotRead(String set) {
        Manifests manifests = ManifestSets.load(set);
        for (ServiceSettings service : ServiceSettings.all()) {
            Map<String, JsonNode> env = environment(container(manifests, service.module()));
            for (ServiceSettings.Requirement need : service.required()) {
                Optional<String> present = need.alternatives().stream().filter(env::containsKey).findFirst();
                assertThat(present).as(set + ": " + service.module() + " needs one of " + need.alternatives()).isPresent();
                need.value().ifPresent(value -> assertThat(env.get(present.get()).path("value").asString())
                        .as(set + ": " + service.module() + " " + present.get() + " (its README says so)").isEqualTo(value));
            }
            Set<String> unread = env.keySet().stream().filter(name -> name.startsWith("MEMORYLAYER_"))
                    .filter(name -> !service.variables().contains(name)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(unread).as(set + ": variables set on " + service.module() + " that it never reads").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void probesAskTheHealthGroupsOnThePortTheServiceServesThemOn(String set) {
        Manifests manifests = ManifestSets.load(set);
        for (ServiceSettings service : ServiceSettings.all()) {
            String what = set + ": " + service.module();
            assertThat(service.probesEnabled()).as(what + ".yml turns the liveness and readiness groups on").isTrue();
            assertThat(service.exposed()).as(what + ".yml exposes").contains("health", "prometheus");
            JsonNode container = container(manifests, service.module());
            Map<String, JsonNode> env = environment(container);
            int management = Integer.parseInt(setOrDefault(env, service.managementPort()));

            assertThat(probe(container, "livenessProbe")).as(what + " liveness").isEqualTo(new Probe(LIVENESS, management));
            assertThat(probe(container, "readinessProbe")).as(what + " readiness").isEqualTo(new Probe(READINESS, management));
            if (container.has("startupProbe")) {
                assertThat(probe(container, "startupProbe").port()).as(what + " startup probe port").isEqualTo(management);
            }
            Set<Integer> declared = new TreeSet<>();
            container.path("ports").forEach(p -> declared.add(p.path("containerPort").asInt()));
            Set<Integer> served = new TreeSet<>(Set.of(management));
            service.servicePort().ifPresent(port -> served.add(Integer.parseInt(setOrDefault(env, port))));
            assertThat(declared).as(what + ": the container's ports are the ports the service listens on").isEqualTo(served);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void secretsAreReferencedAndEveryPodHasRoomBeyondItsHeapAndADisruptionBudget(String set) {
        Manifests manifests = ManifestSets.load(set);
        assertThat(manifests.ofKind("Secret")).as(set + ": Secrets are created beside the manifests, never in them").isEmpty();
        for (ServiceSettings service : ServiceSettings.all()) {
            String what = set + ": " + service.module();
            JsonNode container = container(manifests, service.module());
            environment(container).forEach((name, variable) -> {
                if (name.contains("SECRET") || name.contains("PASSWORD")) {
                    assertThat(variable.path("valueFrom").has("secretKeyRef")).as(what + " " + name + " from a Secret").isTrue();
                    assertThat(variable.has("value")).as(what + " " + name + " inlined").isFalse();
                }
            });
            Matcher heap = HEAP.matcher(environment(container).get("JAVA_TOOL_OPTIONS").path("value").asString());
            assertThat(heap.find()).as(what + " sets its heap in JAVA_TOOL_OPTIONS").isTrue();
            long heapMiB = Long.parseLong(heap.group(1)) * (heap.group(2).equalsIgnoreCase("g") ? 1024 : 1);
            long limitMiB = mebibytes(container.path("resources").path("limits").path("memory").asString());
            assertThat(limitMiB).as(what + " memory limit (MiB) against its -Xmx" + heapMiB + "m").isGreaterThanOrEqualTo(heapMiB + NON_HEAP_MIB);
            JsonNode podLabels = deployment(manifests, service.module()).path("spec").path("template").path("metadata").path("labels");
            assertThat(manifests.ofKind("PodDisruptionBudget").filter(pdb -> selects(pdb.path("spec").path("selector"), podLabels)))
                    .as(what + " has a PodDisruptionBudget").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyTopicIsDeclaredAsTheServicesWouldCreateIt(String set) {
        Manifests manifests = ManifestSets.load(set);
        short replication = agreedValue(manifests, "MEMORYLAYER_KAFKA_REPLICATION_FACTOR");
        short minInsync = agreedValue(manifests, "MEMORYLAYER_KAFKA_MIN_INSYNC_REPLICAS");
        // The services' defaults for retention (memorylayer-kafka.yml), under this deployment's replication.
        TopicSettings settings = TopicSettings.defaults(replication, minInsync);
        int brokers = manifests.ofKind("KafkaNodePool").filter(pool -> pool.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(pool -> pool.path("spec").path("replicas").asInt()).sum();
        assertThat(replication).as(set + ": replication factor within the brokers (" + brokers + ")").isLessThanOrEqualTo((short) brokers);

        Map<String, ObjectNode> declared = new LinkedHashMap<>();
        manifests.ofKind("KafkaTopic").forEach(t -> declared.put(t.path("spec").path("topicName").asString(t.path("metadata").path("name").asString()), t));
        for (Topic topic : Topic.values()) {
            String what = set + ": topic " + topic.topicName();
            assertThat(declared).as(what + " declared").containsKey(topic.topicName());
            JsonNode spec = declared.remove(topic.topicName()).path("spec");
            assertThat(spec.path("partitions").asInt()).as(what + " partitions").isEqualTo(topic.partitions());
            assertThat(spec.path("replicas").asInt()).as(what + " replicas").isEqualTo(replication);
            Map<String, String> configs = new LinkedHashMap<>();
            spec.path("config").properties().forEach(e -> configs.put(e.getKey(), e.getValue().asString()));
            assertThat(configs).as(what + " configs (TopicSettings.configsOf)").isEqualTo(settings.configsOf(topic));
        }
        assertThat(declared.keySet()).as(set + ": KafkaTopics of no topic the code has").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void theGatewayFindsTheQueryReplicasThroughTheirHeadlessService(String set) {
        Manifests manifests = ManifestSets.load(set);
        Map<String, JsonNode> gatewayEnv = environment(container(manifests, "gateway"));
        String dns = gatewayEnv.get("MEMORYLAYER_QUERY_DNS").path("value").asString();
        // QueryServiceProperties' own rule for dns-name.
        assertThat(dns).matches("[A-Za-z0-9.-]+:\\d{1,5}");
        String host = dns.substring(0, dns.lastIndexOf(':'));
        int port = Integer.parseInt(dns.substring(dns.lastIndexOf(':') + 1));
        String serviceName = host.split("\\.")[0];
        ObjectNode service = manifests.find("Service", serviceName).orElseThrow(() -> new AssertionError(set + ": no Service " + serviceName));
        assertThat(service.path("spec").path("clusterIP").asString()).as(set + ": " + serviceName + " is headless").isEqualTo("None");
        JsonNode queryPods = deployment(manifests, "query-service").path("spec").path("template").path("metadata").path("labels");
        assertThat(selects(service.path("spec"), queryPods)).as(set + ": " + serviceName + " selects the query-service pods").isTrue();
        JsonNode servicePort = findPort(service.path("spec").path("ports"), port)
                .orElseThrow(() -> new AssertionError(set + ": " + serviceName + " has no port " + port));
        // A headless Service's DNS answers pod addresses: the gateway connects to the container's own port.
        JsonNode container = container(manifests, "query-service");
        int queryPort = Integer.parseInt(setOrDefault(environment(container), ServiceSettings.of("query-service").servicePort().orElseThrow()));
        assertThat(port).as(set + ": the port in MEMORYLAYER_QUERY_DNS is the query service's").isEqualTo(queryPort);
        assertThat(resolvePort(container, servicePort.path("targetPort"))).as(set + ": its targetPort").isEqualTo(queryPort);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void prodScalesTheGatewayAndTheQueryServiceByHorizontalPodAutoscalers(String set) {
        Manifests manifests = ManifestSets.load(set);
        Set<String> scaled = manifests.ofKind("HorizontalPodAutoscaler")
                .map(h -> h.path("spec").path("scaleTargetRef").path("name").asString()).collect(Collectors.toSet());
        if (set.equals("overlays/prod")) {
            assertThat(scaled).containsExactlyInAnyOrder("gateway", "query-service");
            manifests.ofKind("HorizontalPodAutoscaler").forEach(h -> assertThat(h.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2));
        }
        // Whatever an autoscaler targets exists.
        scaled.forEach(name -> deployment(manifests, name));
    }

    record Probe(String path, int port) {
    }

    private static Probe probe(JsonNode container, String kind) {
        JsonNode get = container.path(kind).path("httpGet");
        return new Probe(get.path("path").asString(), resolvePort(container, get.path("port")));
    }

    /** A port by number, or by the name of one of the container's ports. */
    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isNumber()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asString().equals(port.asString())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port named " + port + " on container " + container.path("name"));
    }

    private static Optional<JsonNode> findPort(JsonNode ports, int port) {
        for (JsonNode p : ports) {
            if (p.path("port").asInt() == port) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A variable's plain value where the Deployment sets one, else the setting's default. */
    private static String setOrDefault(Map<String, JsonNode> env, ServiceSettings.Placeholder setting) {
        JsonNode variable = env.get(setting.variable());
        return variable == null ? setting.defaultValue() : variable.path("value").asString();
    }

    /** The one value every Deployment that sets this variable gives it. */
    private static short agreedValue(Manifests manifests, String variable) {
        Set<String> values = ServiceSettings.MODULES.stream().map(m -> environment(container(manifests, m)).get(variable))
                .filter(java.util.Objects::nonNull).map(v -> v.path("value").asString()).collect(Collectors.toSet());
        assertThat(values).as(manifests + ": " + variable + " across the Deployments").hasSize(1);
        return Short.parseShort(values.iterator().next());
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector.path("selector");
        if (match.isEmpty()) {
            return false;
        }
        for (var entry : match.properties()) {
            if (!labels.path(entry.getKey()).asString("").equals(entry.getValue().asString())) {
                return false;
            }
        }
        return true;
    }

    private static long mebibytes(String quantity) {
        BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(quantity));
        return bytes.divide(BigDecimal.valueOf(1024L * 1024)).longValue();
    }

    private static ObjectNode deployment(Manifests manifests, String name) {
        return manifests.find("Deployment", name).orElseThrow(() -> new AssertionError(manifests + ": no Deployment " + name));
    }

    private static JsonNode container(Manifests manifests, String name) {
        for (JsonNode container : deployment(manifests, name).path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asString().equals(name)) {
                return container;
            }
        }
        throw new AssertionError(manifests + ": Deployment " + name + " has no container " + name);
    }

    private static Map<String, JsonNode> environment(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asString(), variable));
        return env;
    }
}
