package com.memorylayer.gateway.status;

import com.memorylayer.gateway.workspace.WorkspaceProvisioner;
import com.memorylayer.schemas.db.Migrations;
import com.memorylayer.schemas.topics.TopicProvisioner;
import com.memorylayer.schemas.topics.TopicSettings;
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

    PlatformStartup(DataSource dataSource, WorkspaceProvisioner workspaces,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, TopicSettings topics) {
        this.dataSource = dataSource;
        this.workspaces = workspaces;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    @Override
    public void afterPropertiesSet() {
        Migrations.migrateControlPlane(dataSource);
        int migrated = workspaces.migrateAll();
        log.info("control plane migrated; {} workspace schemas not recorded at version {} checked and migrated", migrated, Migrations.WORKSPACE_VERSION);
        if (topics.provisionTopics()) {
            TopicProvisioner.ensureTopics(bootstrapServers, topics);
            log.info("topics ready on {}", bootstrapServers);
        }
    }
}
