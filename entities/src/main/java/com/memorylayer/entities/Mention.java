package com.memorylayer.entities;

/**
 * One entity named in a text.
 *
 * @param name  the name as written (possessive removed)
 * @param key   its canonical form ({@link EntityNames#key}): the same entity written another way has the same key
 * @param type  what it is
 * @param start where it starts in the text (a character offset)
 * @param end   where it ends in the text, exclusive
 */
public record Mention(String name, String key, EntityType type, int start, int end) {
}
