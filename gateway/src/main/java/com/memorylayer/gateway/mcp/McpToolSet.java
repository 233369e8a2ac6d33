package com.memorylayer.gateway.mcp;

import java.util.List;

/** A feature's tools: each feature package that has any offers them as a bean of this type. */
public interface McpToolSet {

    /** The group the tools are listed under ({@code GET /tools}), e.g. {@code memory}, {@code sessions}. */
    String group();

    List<McpTool> tools();
}
