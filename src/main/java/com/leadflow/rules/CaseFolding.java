package com.leadflow.rules;

import java.util.Locale;
import java.util.Set;

/**
 * Case-insensitive text matching done identically in SQL and in Java: MariaDB lower-cases with the Unicode 14
 * tables of {@code utf8mb4_uca1400_ai_ci} and compares code point by code point ({@code utf8mb4_nopad_bin}: no
 * accent folding, trailing spaces count); Java lower-cases each code point the same way. The table default
 * {@code utf8mb4_unicode_ci} would not do: its LOWER knows only Unicode 4 and its comparisons ignore accents and
 * trailing spaces.
 */
final class CaseFolding {

    /**
     * Capital letters Java knows (Unicode 15 and 16) and MariaDB 11.4's Unicode 14 tables do not: MariaDB leaves
     * them as they are, so Java does too. CaseFoldingTest finds any new difference on a JDK or MariaDB upgrade.
     */
    private static final Set<Integer> NEWER_THAN_MARIADB = Set.of(0x1C89, 0xA7CB, 0xA7CC, 0xA7DA, 0xA7DC);
    private static final int NEWER_RANGE_START = 0x10D50;
    private static final int NEWER_RANGE_END = 0x10D65;

    private CaseFolding() {
    }

    /** The SQL expression that lower-cases a text expression, for comparison with {@link #fold} of a value. */
    static String sql(String expression) {
        return "LOWER(" + expression + " COLLATE utf8mb4_uca1400_ai_ci) COLLATE utf8mb4_nopad_bin";
    }

    static String fold(String text) {
        if (text == null) {
            return null;
        }
        // most text is ASCII, which both sides lower-case alike: no code point walk (a full refresh folds millions)
        boolean upper = false;
        boolean ascii = true;
        for (int i = 0; i < text.length() && ascii; i++) {
            char ch = text.charAt(i);
            ascii = ch < 0x80;
            upper |= ch >= 'A' && ch <= 'Z';
        }
        if (ascii) {
            return upper ? text.toLowerCase(Locale.ROOT) : text;
        }
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> folded.appendCodePoint(unknownToMariaDb(cp) ? cp : Character.toLowerCase(cp)));
        return folded.toString();
    }

    private static boolean unknownToMariaDb(int codePoint) {
        return codePoint >= 0x1C89 && NEWER_THAN_MARIADB.contains(codePoint)
                || (codePoint >= NEWER_RANGE_START && codePoint <= NEWER_RANGE_END);
    }
}
