package dev.switchboard.service.uppercase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The characters whose full upper case is not the one code point {@link Character#toUpperCase(int)}
 * gives: "ß" becomes "SS", "ŉ" "ʼN", "ΐ" three code points, "ﬁ" "FI", "ᾳ" "ΑΙ" (the unconditional
 * mappings of Unicode's SpecialCasing.txt; {@link Locale#ROOT} applies none of its
 * language-specific ones). Upper-casing each code point with {@link #upperCase} where it has one,
 * and with {@link Character#toUpperCase(int)} elsewhere, gives what
 * {@code String.toUpperCase(Locale.ROOT)} gives, in linear time: that method copies its whole result
 * again for each character that expands, so that a 64 KiB request of "ß" would hold an I/O thread
 * for a good part of a second.
 *
 * <p>The mappings come from the running JDK. Only the blocks listed in {@link #BLOCKS} have such
 * characters (a test checks every code point), so only they are searched: scanning the whole Basic
 * Multilingual Plane would cost tens of milliseconds at first use.
 */
final class SpecialCasing {

    /** First and last character of each block searched. */
    private static final char[] BLOCKS = {
        '\u00DF', '\u0587', // Latin-1 to Armenian: ß, ŉ, ǰ, ΐ, ΰ, և
        '\u1E96', '\u1E9A', // Latin Extended Additional: ẖ to ẚ
        '\u1F50', '\u1FFC', // Greek Extended: breathings with ypsilon, iota subscripts
        '\uFB00', '\uFB17', // Alphabetic Presentation Forms: Latin and Armenian ligatures
    };

    private static final char[] CHARACTERS;
    private static final int[][] UPPER_CASES;
    /** One bit per BMP character, set for those in {@link #CHARACTERS}: most lookups end here. */
    private static final long[] SPECIAL = new long[(Character.MAX_VALUE + 1) / Long.SIZE];

    static {
        StringBuilder characters = new StringBuilder();
        List<int[]> upperCases = new ArrayList<>();
        for (int block = 0; block < BLOCKS.length; block += 2) {
            for (char c = BLOCKS[block]; c <= BLOCKS[block + 1]; c++) {
                String upperCase = String.valueOf(c).toUpperCase(Locale.ROOT);
                if (upperCase.codePointCount(0, upperCase.length()) != 1
                        || upperCase.codePointAt(0) != Character.toUpperCase((int) c)) {
                    characters.append(c);
                    upperCases.add(codePoints(upperCase));
                    SPECIAL[c >>> 6] |= 1L << c;
                }
            }
        }
        CHARACTERS = characters.toString().toCharArray();
        UPPER_CASES = upperCases.toArray(new int[0][]);
    }

    private SpecialCasing() {}

    /** Like {@code text.codePoints().toArray()}, whose stream classes take longer to load than all this. */
    private static int[] codePoints(String text) {
        int[] codePoints = new int[text.codePointCount(0, text.length())];
        for (int i = 0, at = 0; i < codePoints.length; i++) {
            codePoints[i] = text.codePointAt(at);
            at += Character.charCount(codePoints[i]);
        }
        return codePoints;
    }

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
