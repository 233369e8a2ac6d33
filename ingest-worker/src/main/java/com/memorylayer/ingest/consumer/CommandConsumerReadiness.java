package com.memorylayer.ingest.consumer;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/** Whether the command listener has joined its group and owns partitions, i.e. is really consuming. */
@Component
public class CommandConsumerReadiness {

    private final KafkaListenerEndpointRegistry registry;

    CommandConsumerReadiness(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    public boolean isConsuming() {
        MessageListenerContainer container = registry.getListenerContainer(MemoryCommandListener.LISTENER_ID);
        return container != null && container.isRunning()
                && container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty();
    }
}
