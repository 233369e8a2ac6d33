package com.memorylayer.gateway.starter;

import tools.jackson.databind.JsonNode;

/** One documented request and its answer, as its file under {@code examples/api/} holds it; named after the file. */
public record ApiExample(String name, JsonNode example) {
}
