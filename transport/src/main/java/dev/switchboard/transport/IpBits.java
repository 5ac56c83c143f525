package dev.switchboard.transport;

import java.net.InetAddress;

/**
 * IP addresses as 128 bits in two longs, IPv4 in its IPv4-mapped IPv6 form ({@code ::ffff:a.b.c.d}),
 * so that an IPv4 address and the same address mapped into IPv6 are one value; and literal addresses
 * parsed without a name lookup.
 */
final class IpBits {

    /** The high 32 bits of the low half of every IPv4-mapped address. */
    static final long MAPPED_MARKER = 0xFFFFL << 32;
    /** Where an IPv4 address starts in its mapped form, in bits. */
    static final int IPV4_OFFSET = 96;

    private IpBits() {}

    /** @param address 4 or 16 bytes, as {@link InetAddress#getAddress()} returns */
    static boolean isIpv4(byte[] address) {
        return address.length == 4 || high(address) == 0 && (low(address) & 0xFFFF_FFFF_0000_0000L) == MAPPED_MARKER;
    }

    /** @param address 4 or 16 bytes; @return its first 64 bits in the mapped form */
    static long high(byte[] address) {
        return address.length == 4 ? 0 : word(address, 0);
    }

    /** @param address 4 or 16 bytes; @return its last 64 bits in the mapped form */
    static long low(byte[] address) {
        return address.length == 4 ? MAPPED_MARKER | word4(address, 0) : word(address, 8);
    }

    /** @return the first 64 bits of a mask of {@code prefix} leading ones (of 128) */
    static long highMask(int prefix) {
        return prefix <= 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    /** @return the last 64 bits of a mask of {@code prefix} leading ones (of 128) */
    static long lowMask(int prefix) {
        return prefix <= 64 ? 0 : prefix >= 128 ? -1L : -1L << (128 - prefix);
    }

    /**
     * @param text an address such as {@code 192.0.2.1} or {@code 2001:db8::1}; no host names, no
     *     brackets, no {@code %scope}
     * @return its 4 or 16 bytes, or null if it is not a literal address
     */
    static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    /** Four decimal numbers from 0 to 255 without leading zeros, as {@code inet_pton} accepts them. */
    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = decimal(parts[i]);
            if (value < 0 || value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    /** RFC 4291 section 2.2: eight groups of 1 to 4 hex digits, one "::", a dotted IPv4 tail. */
    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(address, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(address, 8 - tail.length + i, tail[i]);
        }
        return address;
    }

    /**
     * @param part groups separated by single colons, or empty for none
     * @param last whether the part ends the address, where a dotted IPv4 address may stand for two groups
     * @return the 16-bit groups, or null if malformed
     */
    private static int[] groups(String part, boolean last) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        String lastText = texts[texts.length - 1];
        boolean dotted = last && lastText.indexOf('.') >= 0;
        int[] groups = new int[texts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < texts.length - (dotted ? 1 : 0); i++) {
            groups[i] = hex(texts[i]);
            if (groups[i] < 0) {
                return null;
            }
        }
        if (dotted) {
            byte[] ipv4 = parseIpv4(lastText);
            if (ipv4 == null) {
                return null;
            }
            groups[texts.length - 1] = (ipv4[0] & 0xFF) << 8 | ipv4[1] & 0xFF;
            groups[texts.length] = (ipv4[2] & 0xFF) << 8 | ipv4[3] & 0xFF;
        }
        return groups;
    }

    /** @return the value of 1 to 4 hex digits, or -1 */
    private static int hex(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? Character.digit(c, 16) : -1; // Character.digit also takes other scripts' digits
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** @return the value of 1 to 3 ASCII decimal digits without a leading zero, or -1 */
    static int decimal(String text) {
        if (text.isEmpty() || text.length() > 3 || text.length() > 1 && text.charAt(0) == '0') {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void put(byte[] address, int group, int value) {
        address[2 * group] = (byte) (value >>> 8);
        address[2 * group + 1] = (byte) value;
    }

    private static long word(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = value << 8 | bytes[i] & 0xFF;
        }
        return value;
    }

    private static long word4(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 4; i++) {
            value = value << 8 | bytes[i] & 0xFF;
        }
        return value;
    }
}
