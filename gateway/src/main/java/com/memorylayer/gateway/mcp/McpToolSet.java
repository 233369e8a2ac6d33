package com.memorylayer.gateway.mcp;

import java.util.List;

/** A feature's tools: each feature package that has any offers them as a bean of this type. */
public interface McpToolSet {

    List<McpTool> tools();
}
