package com.pimpmycase.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An address range such as {@code 203.0.113.0/24} or {@code 2001:db8::/32} (a single address
 * without {@code /n} is the range of that one address). IPv4-mapped IPv6 addresses
 * ({@code ::ffff:203.0.113.7}) are matched as the IPv4 address they carry. Parsing never asks DNS:
 * only literal addresses are accepted.
 */
public final class Cidr {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length that is not 0.." + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new Cidr(mask(bytes, prefix), prefix, s.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code address} (a literal IP address, e.g. a servlet's remote address) is in this range. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : literal(address.strip());
        return bytes != null && contains(bytes);
    }

    private boolean contains(byte[] bytes) {
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /**
     * The address of a literal IPv4 or IPv6 text, IPv4-mapped IPv6 unwrapped to IPv4; {@code null}
     * when it is not a literal (never a DNS look-up).
     */
    static byte[] literal(String address) {
        String s = address;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty() || !LITERAL.matcher(s).matches()) {
            return null;
        }
        if (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(s).getAddress(); // a literal: no look-up
            if (bytes.length == 16 && isMappedV4(bytes)) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
            return bytes;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] result = bytes.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] = (byte) (result[i] & (0xff << (8 - keep)));
        }
        return result;
    }

    @Override
    public String toString() {
        return text;
    }
}
