package com.example.usage;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the usage topic from the beginning and prints each workspace's running totals every few seconds.
 *
 * <pre>java -jar example-usage-consumer.jar localhost:9092 [group-id]</pre>
 */
public final class UsageConsumer {

    public static final String TOPIC = "memorylayer.usage";

    private UsageConsumer() {
    }

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String group = args.length > 1 ? args[1] : "usage-example";
        UsageTally tally = new UsageTally();
        try (KafkaConsumer<String, byte[]> consumer = open(bootstrap, group)) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
            long nextPrint = 0;
            try {
                while (true) {
                    poll(consumer, tally);
                    if (System.currentTimeMillis() >= nextPrint) {
                        tally.byWorkspace().forEach((workspace, totals) -> System.out.println(workspace + " " + totals));
                        nextPrint = System.currentTimeMillis() + 5_000;
                    }
                }
            } catch (WakeupException stopping) {
                // Ctrl-C: leave the loop and close the consumer.
            }
        }
    }

    /** A consumer of the usage topic that starts at the oldest record when its group has no offsets yet. */
    public static KafkaConsumer<String, byte[]> open(String bootstrap, String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    /** One poll's records into the tally; returns how many records it read. */
    public static int poll(KafkaConsumer<String, byte[]> consumer, UsageTally tally) {
        int read = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
            tally.accept(record.value());
            read++;
        }
        return read;
    }
}
