package com.memorylayer.entities;

import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * The canonical form of a name: "Caroline", "caroline's" and " CAROLINE " are one key. Case, a trailing
 * possessive, a leading "the" and inner whitespace do not tell entities apart; anything else does.
 */
public final class EntityNames {

    // RE2/J: linear whatever the name (a URL mention can be thousands of characters of punctuation), where
    // java.util.regex's trailing-punctuation alternative rescanned a run of it from every position.
    private static final Pattern POSSESSIVE = Pattern.compile("(?:'s|’s|'|’)$");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\n\\x0B\\f\\r]+");
    /** ASCII punctuation ({@code \\p{Punct}}) at either edge, but for {@code @#~/.} at the start and {@code +#/} at the end. */
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^" + anyOf("!\"$%&'()*+,-:;<=>?[\\]^_`{|}") + "+|"
            + anyOf("!\"$%&'()*,-.:;<=>?@[\\]^_`{|}~") + "+$");

    private EntityNames() {
    }

    /** A character class of exactly these characters, each escaped (RE2/J has no class intersection). */
    private static String anyOf(String characters) {
        StringBuilder set = new StringBuilder("[");
        characters.chars().forEach(c -> set.append('\\').append((char) c));
        return set.append(']').toString();
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
