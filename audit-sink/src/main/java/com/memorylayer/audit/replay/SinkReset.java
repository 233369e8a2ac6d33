package com.memorylayer.audit.replay;

import static com.memorylayer.schemas.jooq.control.Tables.ANONYMOUS_REFUSALS;
import static com.memorylayer.schemas.jooq.control.Tables.AUDIT_EVENTS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_KEY_WINDOWS;
import static com.memorylayer.schemas.jooq.control.Tables.USAGE_WORKSPACE_WINDOWS;

import com.memorylayer.audit.topology.AuditSinkProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the sink back to before its first event, so that starting it rebuilds every table from offset 0 of
 * the audit and usage topics: the consumer group's offsets, the internal changelog topics and local state
 * (running totals and the ids seen would otherwise survive and swallow the replayed events) and the three
 * tables. Refuses while any member of the sink's group is still consuming.
 */
@Component
public class SinkReset {

    private static final Logger log = LoggerFactory.getLogger(SinkReset.class);
    /** How long a crashed member may take to leave the group before a reset gives up on it. */
    private static final Duration MEMBERS_GONE_TIMEOUT = Duration.ofSeconds(60);

    private final AuditSinkProperties properties;
    private final DSLContext dsl;

    public SinkReset(AuditSinkProperties properties, DSLContext dsl) {
        this.properties = properties;
        this.dsl = dsl;
    }

    public void reset() {
        String group = properties.applicationId();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers()))) {
            awaitNoMembers(admin, group);
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw new IllegalStateException("cannot delete consumer group " + group, e.getCause());
                }
            }
            Set<String> internal = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(group + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                    .collect(Collectors.toSet());
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
                awaitTopicsGone(admin, internal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reset " + group + " on " + properties.bootstrapServers(), e);
        }
        deleteRecursively(properties.stateDirectory().resolve(group));
        dsl.transaction(tx -> {
            tx.dsl().truncate(AUDIT_EVENTS).execute();
            tx.dsl().truncate(ANONYMOUS_REFUSALS).execute();
            tx.dsl().truncate(USAGE_WORKSPACE_WINDOWS).execute();
            tx.dsl().truncate(USAGE_KEY_WINDOWS).execute();
        });
        log.info("audit-sink {} reset: tables emptied, offsets and state dropped; the next start replays from offset 0", group);
    }

    private static void awaitNoMembers(Admin admin, String group) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + MEMBERS_GONE_TIMEOUT.toNanos();
        while (true) {
            ConsumerGroupDescription description;
            try {
                description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                throw e;
            }
            if (description == null || description.members().isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the audit-sink group " + group + " still has " + description.members().size()
                        + " member(s); stop every audit-sink before a replay");
            }
            Thread.sleep(500);
        }
    }

    private static void awaitTopicsGone(Admin admin, Set<String> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(topics::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not delete " + topics + " in time");
            }
            Thread.sleep(200);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the sink's local state in " + directory, e);
        }
    }
}
