package com.memorylayer.query.recall;

/** A validated recall: the query text, how many results, and an optional consistency token. */
record RecallRequest(String query, int limit, String consistencyToken) {
}
