package com.memorylayer.gateway.status;

import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Before the gateway takes a request: the control plane and every workspace schema are at the current
 * migration, and the topics exist. The gateway owns the control plane, so it is the service that migrates it.
 */
@Component
class PlatformStartup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PlatformStartup.class);

    private final DataSource dataSource;
    private final WorkspaceProvisioner workspaces;
    private final String bootstrapServers;
    private final TopicSettings topics;
    private final boolean provisionTopics;

    PlatformStartup(DataSource dataSource, WorkspaceProvisioner workspaces,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${memorylayer.kafka.replication-factor:1}") short replicationFactor,
            @Value("${memorylayer.kafka.audit-retention:365d}") Duration auditRetention,
            @Value("${memorylayer.kafka.usage-retention:365d}") Duration usageRetention,
            @Value("${memorylayer.kafka.provision-topics:true}") boolean provisionTopics) {
        this.dataSource = dataSource;
        this.workspaces = workspaces;
        this.bootstrapServers = bootstrapServers;
        this.topics = new TopicSettings(replicationFactor, auditRetention, usageRetention);
        this.provisionTopics = provisionTopics;
    }

    @Override
    public void afterPropertiesSet() {
        Migrations.migrateControlPlane(dataSource);
        int migrated = workspaces.migrateAll();
        log.info("control plane and {} workspace schemas migrated", migrated);
        if (provisionTopics) {
            TopicProvisioner.ensureTopics(bootstrapServers, topics);
            log.info("topics ready on {}", bootstrapServers);
        }
    }
}
