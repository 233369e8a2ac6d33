package com.memorylayer.entities;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an entity is. {@code OTHER} is a proper name the extractor found but could not place in a kind. */
public enum EntityType {
    PERSON, ORGANISATION, PLACE, PROJECT, TOOL, DATE, URL, PATH, EMAIL, VERSION, OTHER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EntityType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
}
