package com.memorylayer.entities;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical form of a name: "Caroline", "caroline's" and " CAROLINE " are one key. Case, a trailing
 * possessive, a leading "the" and inner whitespace do not tell entities apart; anything else does.
 */
public final class EntityNames {

    private static final Pattern POSSESSIVE = Pattern.compile("(?:'s|’s|'|’)$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}&&[^@#~/.]]+|[\\p{Punct}&&[^+#/]]+$");

    private EntityNames() {
    }

    public static String key(String name) {
        String key = SPACES.matcher(name.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        key = POSSESSIVE.matcher(key).replaceFirst("");
        key = EDGE_PUNCTUATION.matcher(key).replaceAll("");
        if (key.startsWith("the ") && key.length() > 4) {
            key = key.substring(4);
        }
        return key.strip();
    }

    /** The name without a trailing possessive, as it should be shown. */
    public static String display(String name) {
        return POSSESSIVE.matcher(SPACES.matcher(name.strip()).replaceAll(" ")).replaceFirst("");
    }
}
