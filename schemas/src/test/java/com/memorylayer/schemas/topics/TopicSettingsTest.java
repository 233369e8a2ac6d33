package com.memorylayer.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The replication settings every topic is created with: min in-sync replicas never beyond the replicas there are. */
class TopicSettingsTest {

    @Test
    void theSingleBrokerDefaultAsksOneReplicaInSync() {
        TopicSettings settings = TopicSettings.defaults((short) 1);
        assertThat(settings.minInsyncReplicas()).isEqualTo((short) 1);
        for (Topic topic : Topic.values()) {
            assertThat(topic.configs(settings.retentionOf(topic), settings.retentionBytesOf(topic), settings.minInsyncReplicas()))
                    .containsEntry("min.insync.replicas", "1");
        }
    }

    @Test
    void threeBrokersAskTwoOfThreeReplicasInSync() {
        TopicSettings settings = TopicSettings.defaults((short) 3, (short) 2);
        for (Topic topic : Topic.values()) {
            assertThat(topic.configs(settings.retentionOf(topic), settings.retentionBytesOf(topic), settings.minInsyncReplicas()))
                    .containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void moreInSyncReplicasThanReplicasIsRefused() {
        // No write could ever be acknowledged: refused at start, naming the setting.
        assertThatThrownBy(() -> TopicSettings.defaults((short) 1, (short) 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-insync-replicas");
        assertThatThrownBy(() -> TopicSettings.defaults((short) 3, (short) 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-insync-replicas");
    }
}
