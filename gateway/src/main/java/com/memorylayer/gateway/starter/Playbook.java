package com.memorylayer.gateway.starter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A named sequence of calls that does one job with a workspace, each step saying why it is there. */
public record Playbook(String name, String title, String description, List<Step> steps) {

    public Playbook {
        if (name == null || title == null || steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("a playbook needs a name, a title and steps");
        }
        steps = List.copyOf(steps);
    }

    /**
     * One call: an MCP {@code tool}, or a {@code route} ({@code "GET /v1/…"}) for what is no tool, with its arguments
     * (the tool's arguments, or the route's JSON body).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String tool, String route, Map<String, Object> arguments, String why) {

        public Step {
            if ((tool == null) == (route == null)) {
                throw new IllegalArgumentException("a playbook step names either a tool or a route, not " + (tool == null ? "neither" : "both"));
            }
            if (why == null || why.isBlank()) {
                throw new IllegalArgumentException("the step " + (tool == null ? route : tool) + " says why it is there");
            }
            arguments = arguments == null ? Map.of() : arguments;
        }
    }
}
