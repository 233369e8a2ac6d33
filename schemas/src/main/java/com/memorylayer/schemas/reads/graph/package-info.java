/**
 * The entity graph as the query service answers it and the gateway shows it (issue 25: one JSON shape per thing).
 * Field names are written snake_case by both services' JSON settings.
 */
package com.memorylayer.schemas.reads.graph;
