/**
 * What a workspace holds and how it is used, as the query service counts it and the gateway shows it (issue 25: one
 * JSON shape per thing). Field names are written snake_case by both services' JSON settings.
 */
package com.memorylayer.schemas.reads.stats;
