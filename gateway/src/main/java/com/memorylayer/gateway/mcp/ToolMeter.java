package com.memorylayer.gateway.mcp;

import com.memorylayer.gateway.activity.MeteredUnits;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** What a tool call counts for in usage, as the REST route it maps onto counts. */
final class ToolMeter {

    /** The tools that run a recall in the query service, as {@code POST /recall} and its variants do. */
    private static final Set<String> RECALLS = Set.of("recall", "recall_context", "recall_hints", "recall_recent", "recall_timeline",
            "recall_explain", "compress", "resume_context", "find_similar", "focus_brief", "compare_queries", "layers", "get_skills");

    private ToolMeter() {
    }

    static void count(String tool, ObjectNode arguments, MeteredUnits units) {
        boolean savesAPacket = tool.equals("session_checkpoint")
                || tool.equals("session_handoff") && (!arguments.has("save") || arguments.get("save").asBoolean());
        // The remember tools count themselves (Remembering), as do tools that store or recall more than once.
        if (savesAPacket) {
            units.memoriesWritten(1);
        } else if (RECALLS.contains(tool)) {
            units.recalls(1);
        }
    }
}
