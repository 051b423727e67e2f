package com.pimpmycase.order;

import com.pimpmycase.token.SigningKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque polling cursor of {@code GET /api/chinese/orders}: a store position with a MAC, so
 * the service recognises the cursors it issued (under the active or a retired key) and refuses
 * made-up ones.
 */
public final class OrderCursor {

    private static final int MAC_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKeys keys;

    public OrderCursor(SigningKeys keys) {
        this.keys = keys;
    }

    /** The cursor that resumes after store position {@code seq} (0: from the first order). */
    public String issue(long seq) {
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES + MAC_BYTES);
        bytes.putLong(seq).put(keys.mac(message(seq)), 0, MAC_BYTES);
        return ENCODER.encodeToString(bytes.array());
    }

    /** The store position of a cursor this service issued; -1 for anything else. */
    public long positionOf(String cursor) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            return -1;
        }
        if (bytes.length != Long.BYTES + MAC_BYTES) {
            return -1;
        }
        long seq = ByteBuffer.wrap(bytes).getLong();
        byte[] mac = Arrays.copyOfRange(bytes, Long.BYTES, bytes.length);
        return seq >= 0 && keys.verifyMacPrefix(message(seq), mac) ? seq : -1;
    }

    private static String message(long seq) {
        return "#order-cursor:" + seq;
    }
}
