package com.memorylayer.query.recall;

import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITIES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_ALIASES;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_MENTIONS;
import static com.memorylayer.schemas.jooq.workspace_template.Tables.ENTITY_RELATIONS;

import com.memorylayer.entities.recall.GraphView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** A workspace's entity graph as the entity channel reads it: three indexed queries a recall, no state kept. */
final class PostgresGraphView implements GraphView {

    private final DSLContext dsl;

    PostgresGraphView(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<String, MatchedEntity> resolve(Collection<String> keys) {
        Map<String, MatchedEntity> found = new HashMap<>();
        var aliased = ENTITIES.as("aliased");
        dsl.select(ENTITIES.ENTITY_KEY, ENTITIES.ID, ENTITIES.NAME, ENTITIES.MENTION_COUNT).from(ENTITIES)
                .where(ENTITIES.ENTITY_KEY.in(keys))
                .unionAll(DSL.select(ENTITY_ALIASES.ALIAS_KEY, aliased.ID, aliased.NAME, aliased.MENTION_COUNT).from(ENTITY_ALIASES)
                        .join(aliased).on(aliased.ENTITY_KEY.eq(ENTITY_ALIASES.ENTITY_KEY))
                        .where(ENTITY_ALIASES.ALIAS_KEY.in(keys)))
                .forEach(r -> found.putIfAbsent(r.value1(), new MatchedEntity(r.value2(), r.value3(), r.value4())));
        return found;
    }

    @Override
    public Map<UUID, List<UUID>> memoriesOf(Collection<UUID> entities, int perEntity) {
        Map<UUID, List<UUID>> memories = new HashMap<>();
        var rank = DSL.rowNumber().over(DSL.partitionBy(ENTITY_MENTIONS.ENTITY_ID)
                .orderBy(ENTITY_MENTIONS.CREATED_AT.desc(), ENTITY_MENTIONS.MEMORY_ID));
        var ranked = dsl.select(ENTITY_MENTIONS.ENTITY_ID, ENTITY_MENTIONS.MEMORY_ID, rank.as("rank")).from(ENTITY_MENTIONS)
                .where(ENTITY_MENTIONS.ENTITY_ID.in(entities)).asTable("ranked");
        dsl.select(ranked.field(ENTITY_MENTIONS.ENTITY_ID), ranked.field(ENTITY_MENTIONS.MEMORY_ID)).from(ranked)
                .where(ranked.field("rank", Integer.class).le(perEntity))
                .forEach(r -> memories.computeIfAbsent(r.value1(), e -> new ArrayList<>()).add(r.value2()));
        return memories;
    }

    @Override
    public Map<UUID, List<Neighbour>> neighbours(Collection<UUID> entities, int perEntity) {
        Map<UUID, List<Neighbour>> neighbours = new HashMap<>();
        if (perEntity == 0 || entities.isEmpty()) {
            return neighbours;
        }
        var other = ENTITIES.as("other");
        var self = DSL.when(ENTITY_RELATIONS.SOURCE_ID.in(entities), ENTITY_RELATIONS.SOURCE_ID).otherwise(ENTITY_RELATIONS.TARGET_ID);
        var rank = DSL.rowNumber().over(DSL.partitionBy(self).orderBy(ENTITY_RELATIONS.EVIDENCE_COUNT.desc(), other.ID));
        var ranked = dsl.select(self.as("self"), other.ID.as("other_id"), other.MENTION_COUNT.as("other_mentions"),
                        ENTITY_RELATIONS.EVIDENCE_COUNT.as("evidence"), rank.as("rank"))
                .from(ENTITY_RELATIONS)
                .join(other).on(other.ID.eq(DSL.when(ENTITY_RELATIONS.SOURCE_ID.in(entities), ENTITY_RELATIONS.TARGET_ID)
                        .otherwise(ENTITY_RELATIONS.SOURCE_ID)))
                .where(ENTITY_RELATIONS.SOURCE_ID.in(entities).or(ENTITY_RELATIONS.TARGET_ID.in(entities)))
                .and(ENTITY_RELATIONS.VALID_TO.isNull())
                .asTable("ranked");
        dsl.selectFrom(ranked).where(ranked.field("rank", Integer.class).le(perEntity)).forEach(r -> neighbours
                .computeIfAbsent(r.get("self", UUID.class), e -> new ArrayList<>())
                .add(new Neighbour(r.get("other_id", UUID.class), r.get("other_mentions", Integer.class), r.get("evidence", Integer.class))));
        return neighbours;
    }
}
