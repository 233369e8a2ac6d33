package com.memorylayer.query.recall;

import com.memorylayer.entities.recall.EntityChannel;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Runs the entity channel over a workspace's graph in Postgres. */
@Component
class EntityRecall {

    private final EntityRecallProperties properties;
    private final EntityChannel channel;

    EntityRecall(EntityRecallProperties properties) {
        this.properties = properties;
        this.channel = new EntityChannel(properties.neighbourWeight(), properties.neighbours());
    }

    double weight() {
        return properties.weight();
    }

    EntityChannel.Result search(DSLContext workspace, String query, int limit, Predicate<UUID> accept) {
        return channel.search(new PostgresGraphView(workspace), query, limit, accept);
    }
}
