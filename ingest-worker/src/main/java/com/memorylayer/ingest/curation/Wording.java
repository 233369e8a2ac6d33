package com.memorylayer.ingest.curation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A memory's wording with only its presentation taken away: what two texts must share to be the same statement
 * said twice. The canonical form is the NFKC form of the text, lower-cased ({@link Locale#ROOT}), reduced to the
 * ordered sequence of its tokens joined by single spaces:
 * <ul>
 * <li>a word is a run of letters, digits and combining marks;</li>
 * <li>a number keeps its inner separators ({@code . , : /} between two digits) and a leading minus, so "3.5" is
 * not "35", "10:30" is not "1030" and "-5" is not "5";</li>
 * <li>symbols that carry meaning stay tokens of their own: math ({@code < > = +}), currency, other symbols (°,
 * emoji) and {@code ^ % ‰ ‱ @ ′}: "$50" is not "€50", "5 %" is not "5", "x < y" is not
 * "x > y";</li>
 * <li>everything else (spaces, punctuation, quotes of any shape, brackets, dashes, invisible format characters) is
 * dropped.</li>
 * </ul>
 * A text with no token at all (only punctuation) keeps its whole NFKC, trimmed form instead, so "?" and "!" stay
 * different. The form is deliberately strict: any changed, added, removed or moved word makes a different wording,
 * which is what keeps a negation, a swapped role or qualifier, an antonym, another unit, number or date and another
 * word order apart. What it forgives is only what a repeat differs in without saying something else: case,
 * punctuation, spacing and Unicode presentation (full-width letters, ligatures, smart quotes, non-breaking spaces).
 * The cost of the strictness is that a paraphrase is never a repeat; a second row costs little, a merged-away fact
 * loses what was said.
 *
 * <p>A scanner, not a regular expression: one pass over the text, linear in its length whatever it holds.
 */
public final class Wording {

    /** Marks a form built from a text without tokens, so it can never equal a form built from tokens. */
    private static final char NO_TOKENS = '\u0001';

    private Wording() {
    }

    /** The canonical form of {@code text}; see the class comment. */
    public static String canonical(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            if (isWordPart(c) || startsNegativeNumber(s, i, c)) {
                int start = i;
                i += Character.charCount(c);
                while (i < n) {
                    int d = s.codePointAt(i);
                    if (isWordPart(d)) {
                        i += Character.charCount(d);
                    } else if (isNumberSeparator(d) && digitAt(s, i - 1) && digitAt(s, i + 1)) {
                        i++;
                    } else {
                        break;
                    }
                }
                append(out, s.substring(start, i).replace('\u2212', '-'));
            } else {
                if (isMeaningfulSymbol(c)) {
                    append(out, new String(Character.toChars(c)));
                }
                i += Character.charCount(c);
            }
        }
        return out.isEmpty() ? NO_TOKENS + s.strip() : out.toString();
    }

    /** SHA-256 of the canonical form: what {@code memories.wording_key} holds and the duplicate lookup matches. */
    public static byte[] key(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical(text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether two texts say the same thing in the sense of this class. */
    public static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    private static void append(StringBuilder out, String token) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(token);
    }

    private static boolean isWordPart(int c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** A minus (hyphen-minus or U+2212) right before a digit and not inside a word: "-5", not "3-5" or "x-1". */
    private static boolean startsNegativeNumber(String s, int i, int c) {
        return (c == '-' || c == '\u2212') && digitAt(s, i + 1) && (i == 0 || !isWordPart(s.codePointBefore(i)));
    }

    private static boolean isNumberSeparator(int c) {
        return c == '.' || c == ',' || c == ':' || c == '/';
    }

    private static boolean digitAt(String s, int i) {
        return i >= 0 && i < s.length() && Character.isDigit(s.charAt(i));
    }

    private static boolean isMeaningfulSymbol(int c) {
        return switch (Character.getType(c)) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.OTHER_SYMBOL -> true;
            // Of the modifier symbols only the caret says something ("2^10"); a backtick is markup.
            default -> c == '^' || c == '%' || c == '\u2030' || c == '\u2031' || c == '@' || c == '\u2032';
        };
    }
}
