package com.memorylayer.entities;

/**
 * A relation a sentence states between two of its entities, such as "Ana uses Postgres".
 *
 * @param sourceKey the subject's canonical key
 * @param relation  one of {@link EntityExtractor#RELATIONS}
 * @param targetKey the object's canonical key
 * @param ends      true when the sentence ends the relation ("Ana no longer uses Postgres")
 */
public record StatedRelation(String sourceKey, String relation, String targetKey, boolean ends) {
}
