package com.memorylayer.telemetry.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code memorylayer.consumer.lag}, tagged {@code group}, {@code topic} and {@code partition}: how many records of each
 * partition a consumer group has not committed yet (the partition's end offset less the group's committed offset; its
 * earliest offset where the group never committed). Read from the brokers every interval, so it also shows a consumer
 * that is stuck or gone, which the clients' own fetch lag cannot. The tags are the service's own groups and topics: a
 * fixed set.
 *
 * <p>When the brokers cannot be read the gauges keep their last figures and {@code memorylayer.consumer.lag.stale}
 * says for how many seconds they have not been refreshed.
 */
public final class ConsumerLagGauges implements AutoCloseable {

    public static final String LAG = "memorylayer.consumer.lag";
    public static final String STALE = "memorylayer.consumer.lag.stale";
    /** Each admin request of a read; a read fails rather than outlast a few intervals. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ConsumerLagGauges.class);

    /** A consumer group and the topics it reads. */
    public record Group(String id, List<String> topics) {
    }

    private final Admin admin;
    private final List<Group> groups;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader;
    private volatile long readAtNanos = System.nanoTime();

    private ConsumerLagGauges(Admin admin, List<Group> groups, MeterRegistry registry, Duration interval) {
        this.admin = admin;
        this.groups = List.copyOf(groups);
        this.registry = registry;
        Gauge.builder(STALE, this, gauges -> (System.nanoTime() - gauges.readAtNanos) / 1e9).baseUnit("seconds")
                .description("Seconds since the consumer lag was last read from the brokers").register(registry);
        this.reader = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("consumer-lag").daemon().factory());
        reader.scheduleWithFixedDelay(this::readSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts reading the groups' lag every {@code interval}, at once first. */
    public static ConsumerLagGauges start(String bootstrapServers, List<Group> groups, MeterRegistry registry, Duration interval) {
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "consumer-lag"));
        return new ConsumerLagGauges(admin, groups, registry, interval);
    }

    /** Reads every group's lag now; throws when the brokers cannot say. */
    public void read() {
        for (Group group : groups) {
            for (Map.Entry<TopicPartition, Long> lag : ConsumerLag.of(admin, group.id(), group.topics(), READ_TIMEOUT).entrySet()) {
                TopicPartition partition = lag.getKey();
                lags.computeIfAbsent(group.id() + "/" + partition, key -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder(LAG, value, AtomicLong::get).description("Records a consumer group has not committed")
                            .tag("group", group.id()).tag("topic", partition.topic())
                            .tag("partition", Integer.toString(partition.partition())).register(registry);
                    return value;
                }).set(lag.getValue());
            }
        }
        readAtNanos = System.nanoTime();
    }

    private void readSafely() {
        try {
            read();
        } catch (RuntimeException e) {
            log.debug("consumer lag not read: {}", e.toString());
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
