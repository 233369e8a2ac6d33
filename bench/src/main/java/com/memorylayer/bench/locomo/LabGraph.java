package com.memorylayer.bench.locomo;

import com.memorylayer.bench.locomo.LocomoData.Conversation;
import com.memorylayer.entities.EntityExtractor;
import com.memorylayer.entities.Mention;
import com.memorylayer.entities.graph.GraphIndexer;
import com.memorylayer.entities.recall.GraphView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One conversation's entity graph built in memory the way the ingest worker builds it in Postgres (the same
 * extractor, co-occurrence in a turn and with the session's five previous turns), for the retrieval lab.
 */
final class LabGraph implements GraphView {

    private final Map<String, UUID> entityOfKey = new HashMap<>();
    private final Map<UUID, String> nameOf = new HashMap<>();
    private final Map<UUID, List<UUID>> turnsOf = new HashMap<>();
    private final Map<UUID, Map<UUID, Integer>> evidence = new HashMap<>();

    static LabGraph of(EntityExtractor extractor, Conversation conversation) {
        LabGraph graph = new LabGraph();
        List<Set<UUID>> entitiesOfTurn = new ArrayList<>();
        for (int i = 0; i < conversation.turns().size(); i++) {
            Set<UUID> own = new LinkedHashSet<>();
            for (Mention mention : extractor.extract(conversation.turns().get(i).text()).entities()) {
                UUID id = GraphIndexer.entityId(mention.key());
                graph.entityOfKey.put(mention.key(), id);
                graph.nameOf.putIfAbsent(id, mention.name());
                graph.turnsOf.computeIfAbsent(id, e -> new ArrayList<>()).add(new UUID(0, i));
                own.add(id);
            }
            List<UUID> list = new ArrayList<>(own);
            for (int a = 0; a < list.size(); a++) {
                for (int b = a + 1; b < list.size(); b++) {
                    graph.relate(list.get(a), list.get(b));
                }
            }
            String session = conversation.turns().get(i).session();
            for (int back = Math.max(0, i - 5); back < i; back++) {
                if (conversation.turns().get(back).session().equals(session)) {
                    for (UUID theirs : entitiesOfTurn.get(back)) {
                        for (UUID mine : own) {
                            if (!theirs.equals(mine)) {
                                graph.relate(mine, theirs);
                            }
                        }
                    }
                }
            }
            entitiesOfTurn.add(own);
        }
        return graph;
    }

    private void relate(UUID a, UUID b) {
        evidence.computeIfAbsent(a, x -> new HashMap<>()).merge(b, 1, Integer::sum);
        evidence.computeIfAbsent(b, x -> new HashMap<>()).merge(a, 1, Integer::sum);
    }

    @Override
    public Map<String, MatchedEntity> resolve(Collection<String> keys) {
        Map<String, MatchedEntity> found = new HashMap<>();
        for (String key : keys) {
            UUID id = entityOfKey.get(key);
            if (id != null) {
                found.put(key, new MatchedEntity(id, nameOf.get(id), turnsOf.get(id).size()));
            }
        }
        return found;
    }

    @Override
    public Map<UUID, List<UUID>> memoriesOf(Collection<UUID> entities, int perEntity) {
        Map<UUID, List<UUID>> memories = new HashMap<>();
        for (UUID entity : entities) {
            List<UUID> turns = turnsOf.getOrDefault(entity, List.of());
            // The latest, as the service reads them.
            memories.put(entity, turns.subList(Math.max(0, turns.size() - perEntity), turns.size()));
        }
        return memories;
    }

    @Override
    public Map<UUID, List<Neighbour>> neighbours(Collection<UUID> entities, int perEntity) {
        Map<UUID, List<Neighbour>> neighbours = new HashMap<>();
        for (UUID entity : entities) {
            neighbours.put(entity, evidence.getOrDefault(entity, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<UUID, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .limit(perEntity)
                    .map(e -> new Neighbour(e.getKey(), turnsOf.get(e.getKey()).size(), e.getValue()))
                    .toList());
        }
        return neighbours;
    }
}
