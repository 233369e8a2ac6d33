package com.memorylayer.schemas.reads.graph;

import java.util.List;
import java.util.UUID;

/**
 * Groups of entities named together, biggest first.
 *
 * @param relationsRead how many relations the communities were found among
 * @param truncated     the graph has more relations than a read may load; these are communities of its strongest
 */
public record Communities(int minSize, List<Community> communities, int relationsRead, boolean truncated) {

    /** @param entities its most mentioned members (at most 20) */
    public record Community(int size, List<Member> entities) {
    }

    public record Member(UUID id, String name, String type, int mentionCount) {
    }
}
