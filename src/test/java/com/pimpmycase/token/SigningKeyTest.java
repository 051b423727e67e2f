package com.pimpmycase.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our precomputed-state HMAC must equal the JDK's {@code Mac} bit for bit, across block boundaries. */
class SigningKeyTest {

    @Test
    void equalsJdkHmacForKeyAndMessageLengthsAroundTheBlockSize() throws Exception {
        Random random = new Random(2104);
        for (int keyLength : new int[] {32, 63, 64, 65, 100, 300}) {
            String secret = randomText(random, keyLength);
            SigningKey key = new SigningKey(secret);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (int messageLength : new int[] {0, 1, 31, 55, 56, 63, 64, 65, 88, 119, 120, 128, 1000}) {
                byte[] message = new byte[messageLength];
                random.nextBytes(message);
                assertArrayEquals(jdk.doFinal(message), key.mac(message), keyLength + "/" + messageLength);
            }
        }
    }

    @Test
    void nonAsciiSecretIsUsedAsUtf8() throws Exception {
        String secret = "schlüssel-für-die-signatur-äöü-0123456789";
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] message = "a.png:1756378358:end_user".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(jdk.doFinal(message), new SigningKey(secret).mac(message));
    }

    @Test
    void messageIsTheUtf8OfFilenameExpiryAndPartnerType() {
        for (String name : new String[] {"a.png", "design-ü-€-😀.png", ""}) {
            for (long exp : new long[] {0, 9, 10, 1_756_378_358L, 999_999_999_999L}) {
                assertArrayEquals((name + ":" + exp + ":end_user").getBytes(StandardCharsets.UTF_8),
                        SigningKeys.message(name, exp, "end_user"), name + " " + exp);
            }
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('!' + random.nextInt(94)));
        }
        return sb.toString();
    }
}
