/**
 * The records a workspace's read side answers in: written by the query service, which owns every workspace table,
 * read by the gateway, which relays them or combines them. One record per thing, so a memory has one JSON shape
 * wherever it is answered.
 */
package com.memorylayer.schemas.reads;
