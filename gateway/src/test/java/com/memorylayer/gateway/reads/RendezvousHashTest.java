package com.memorylayer.gateway.reads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RendezvousHashTest {

    private static final List<UUID> WORKSPACES = workspaces(20_000);

    @Test
    void everyWorkspaceHasOneOrderOverAllReplicasWhateverTheirListOrder() {
        List<String> replicas = List.of("http://10.0.0.1:8081", "http://10.0.0.2:8081", "http://10.0.0.3:8081");
        List<String> shuffled = List.of(replicas.get(2), replicas.get(0), replicas.get(1));
        for (UUID workspace : WORKSPACES.subList(0, 1000)) {
            List<String> order = RendezvousHash.order(workspace, replicas, Function.identity());
            assertThat(order).containsExactlyInAnyOrderElementsOf(replicas);
            assertThat(RendezvousHash.order(workspace, shuffled, Function.identity())).isEqualTo(order);
        }
    }

    @Test
    void workspacesSpreadEvenlyOverReplicas() {
        List<String> replicas = List.of("http://query-1:8081", "http://query-2:8081", "http://query-3:8081");
        Map<String, Integer> counts = firstChoices(replicas);
        // Binomial spread of 20,000 draws at p = 1/3 is about ±67; a bad mix would be off by thousands.
        counts.values().forEach(count -> assertThat(count).isBetween(6_300, 7_050));
    }

    @Test
    void aReplicaLeavingMovesOnlyItsOwnWorkspacesEachToItsSecondChoice() {
        List<String> three = List.of("http://query-1:8081", "http://query-2:8081", "http://query-3:8081");
        List<String> two = List.of("http://query-1:8081", "http://query-3:8081");
        for (UUID workspace : WORKSPACES) {
            List<String> before = RendezvousHash.order(workspace, three, Function.identity());
            String after = RendezvousHash.order(workspace, two, Function.identity()).getFirst();
            if (before.getFirst().equals("http://query-2:8081")) {
                assertThat(after).isEqualTo(before.get(1));
            } else {
                assertThat(after).isEqualTo(before.getFirst());
            }
        }
    }

    @Test
    void aReplicaJoiningTakesAboutOneNthAndOnlyTakes() {
        List<String> three = List.of("http://query-1:8081", "http://query-2:8081", "http://query-3:8081");
        List<String> four = new ArrayList<>(three);
        four.add("http://query-4:8081");
        int moved = 0;
        for (UUID workspace : WORKSPACES) {
            String before = RendezvousHash.order(workspace, three, Function.identity()).getFirst();
            String after = RendezvousHash.order(workspace, four, Function.identity()).getFirst();
            if (!after.equals(before)) {
                assertThat(after).as("a workspace moves only to the new replica").isEqualTo("http://query-4:8081");
                moved++;
            }
        }
        assertThat(moved).isBetween(4_700, 5_300);
    }

    private static Map<String, Integer> firstChoices(List<String> replicas) {
        Map<String, Integer> counts = new HashMap<>();
        for (UUID workspace : WORKSPACES) {
            counts.merge(RendezvousHash.order(workspace, replicas, Function.identity()).getFirst(), 1, Integer::sum);
        }
        return counts;
    }

    /** Random ids, as workspaces get (v4); a fixed seed keeps the bounds above about this draw. */
    private static List<UUID> workspaces(int count) {
        java.util.Random random = new java.util.Random(25);
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L));
        }
        return ids;
    }
}
