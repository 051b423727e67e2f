package com.pimpmycase.manufacturer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.binary.Hex;

/**
 * The manufacturer's {@code sign} rule (SPEC §9): lowercase hex MD5 of the UTF-8 string made of
 * the body's top-level primitive values in ascending order of field name (by code point), then
 * {@code systemName}, then {@code fixedKey}. The rule is the manufacturer's and weak (MD5, no
 * nonce, no separators); we implement it exactly because both sides must compute the same value.
 * Immutable and thread-safe; {@link #toString()} never shows the fixed key.
 */
public final class ManufacturerSign {

    /** By code point, as the rule says; {@link String#compareTo} orders UTF-16 units instead. */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final String systemName;
    private final String fixedKey;

    public ManufacturerSign(String systemName, String fixedKey) {
        this.systemName = systemName;
        this.fixedKey = fixedKey;
    }

    /** The {@code sign} header value for {@code body} (a JSON object). */
    public String sign(JsonNode body) {
        return Hex.encodeHexString(md5(stringToSign(body).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code received} is the sign of {@code body}, compared in constant time (a webhook
     * must not tell an attacker how many leading characters were right). Exactly as SPEC §9
     * defines it, lowercase hex: like a token's signature (§2), another spelling is not the sign.
     */
    public boolean verify(JsonNode body, String received) {
        if (received == null) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = received.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** What is hashed; package-private for the vector tests (it contains the fixed key). */
    String stringToSign(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the sign rule applies to a JSON object");
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        body.fields().forEachRemaining(fields::add);
        fields.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> field : fields) {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                text.append(value.textValue());
            } else if (value.isIntegralNumber()) {
                text.append(value.bigIntegerValue());
            } else if (value.isValueNode() && !value.isNull()) {
                // Booleans and fractions: the protocol never sends them; their JSON text is the
                // closest reading of "primitive values".
                text.append(value.asText());
            } // null, objects and arrays are skipped
        }
        return text.append(systemName).append(fixedKey).toString();
    }

    private static byte[] md5(byte[] input) {
        try {
            return MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    @Override
    public String toString() {
        return "ManufacturerSign[systemName=" + systemName + "]";
    }
}
