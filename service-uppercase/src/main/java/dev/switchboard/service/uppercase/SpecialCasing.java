package dev.switchboard.service.uppercase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The characters whose full upper case is not the one code point {@link Character#toUpperCase(int)}
 * gives: "ß" becomes "SS", "ŉ" "ʼN", "ΐ" three code points, "ﬁ" "FI", "ᾳ" "ΑΙ" (Unicode's
 * SpecialCasing.txt, without its language-specific rules, which {@link Locale#ROOT} does not apply).
 * Upper-casing each code point with {@link #upperCase} where it has one, and with
 * {@link Character#toUpperCase(int)} elsewhere, gives what {@code String.toUpperCase(Locale.ROOT)}
 * gives, in linear time: that method copies its whole result again for each character that expands,
 * so a 64 KiB request of "ß" would hold an I/O thread for a good part of a second.
 *
 * <p>Derived from the running JDK when first used (a few milliseconds), so it follows the JDK's
 * Unicode version. Only characters of the Basic Multilingual Plane have special upper cases, which
 * a test checks for every code point.
 */
final class SpecialCasing {

    private static final char[] CHARACTERS;
    private static final int[][] UPPER_CASES;
    /** One bit per BMP character, set for those in {@link #CHARACTERS}: most lookups end here. */
    private static final long[] SPECIAL = new long[(Character.MAX_VALUE + 1) / Long.SIZE];

    static {
        List<Character> characters = new ArrayList<>();
        List<int[]> upperCases = new ArrayList<>();
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String upperCase = String.valueOf((char) c).toUpperCase(Locale.ROOT);
            if (upperCase.codePointCount(0, upperCase.length()) != 1
                    || upperCase.codePointAt(0) != Character.toUpperCase(c)) {
                characters.add((char) c);
                upperCases.add(upperCase.codePoints().toArray());
                SPECIAL[c >>> 6] |= 1L << c;
            }
        }
        CHARACTERS = new char[characters.size()];
        for (int i = 0; i < CHARACTERS.length; i++) {
            CHARACTERS[i] = characters.get(i);
        }
        UPPER_CASES = upperCases.toArray(new int[0][]);
    }

    private SpecialCasing() {}

    /**
     * @param codePoint any code point
     * @return its upper case as code points, or {@code null} if that is
     *     {@link Character#toUpperCase(int)}; the caller must not modify the array
     */
    static int[] upperCase(int codePoint) {
        if (codePoint > Character.MAX_VALUE || (SPECIAL[codePoint >>> 6] & (1L << codePoint)) == 0) {
            return null;
        }
        return UPPER_CASES[Arrays.binarySearch(CHARACTERS, (char) codePoint)];
    }
}
