package com.memorylayer.gateway.reads;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Highest-random-weight (rendezvous) hashing of a workspace over replicas: every replica gets a score from the pair
 * (workspace, replica), and the workspace's order is the replicas by score, highest first. Its first replica is
 * where its reads go; when that one leaves, the workspace moves to its second, and no other workspace moves; when a
 * replica joins, only the workspaces it now outscores (about 1/N) move to it. Every gateway computes the same order
 * from the same replica names, with nothing shared between them.
 */
public final class RendezvousHash {

    private RendezvousHash() {
    }

    /** The replicas in the workspace's order, highest score first. */
    public static <T> List<T> order(UUID workspaceId, List<T> replicas, java.util.function.Function<T, String> name) {
        return replicas.stream()
                .sorted(Comparator.comparingLong((T r) -> score(workspaceId, name.apply(r))).reversed()
                        .thenComparing(name::apply))
                .toList();
    }

    /** The pair's weight: a 64-bit mix of the workspace id with a hash of the replica's name. */
    static long score(UUID workspaceId, String replica) {
        long h = fnv1a(replica);
        long x = mix(workspaceId.getMostSignificantBits() ^ h);
        return mix(x ^ workspaceId.getLeastSignificantBits() ^ Long.rotateLeft(h, 32));
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit, so near names score unrelated. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
