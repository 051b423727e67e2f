package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partner document's download client (SPEC §1), translated line by line, against the WAR. */
class PartnerDownloadClientIT {

    @TempDir
    Path data;

    /** {@code download_design_image(order_data)} of the partner document. */
    static byte[] downloadDesignImage(Map<String, String> orderData) throws Exception {
        String imageUrl = orderData.get("pic");
        if (imageUrl == null || imageUrl.isEmpty() || !imageUrl.contains("?token=")) {
            throw new IllegalArgumentException("Invalid image URL - missing token");
        }
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(imageUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 200) {
            return response.body();
        } else if (response.statusCode() == 422) {
            throw new IllegalStateException("Token missing or invalid");
        } else {
            throw new IllegalStateException("Image access failed: " + response.statusCode());
        }
    }

    @Test
    void partnerClientDownloadsWithAFreshTokenAndReportsTheOthers() throws Exception {
        try (DeployedWar war = DeployedWar.start(data)) {
            String name = "order-OREN250828378396-final-1756378358-e5f1af36.png";
            byte[] design = TestImages.png(300, 600);
            war.storeImage(name, design);
            TokenMinter minter = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                    Clock.systemUTC());
            String pic = war.base() + "/image/" + name + "?token=" + minter.mint(name, "chinese_manufacturing").text();

            assertArrayEquals(design, downloadDesignImage(Map.of("pic", pic)));

            String expired = war.base() + "/image/" + name + "?token=" + new TokenMinter(
                    SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                    Clock.offset(Clock.systemUTC(), Duration.ofDays(-3))).mint(name, "chinese_manufacturing").text();
            assertEquals("Token missing or invalid",
                    assertThrows(IllegalStateException.class, () -> downloadDesignImage(Map.of("pic", expired))).getMessage());
            assertEquals("Invalid image URL - missing token", assertThrows(IllegalArgumentException.class,
                    () -> downloadDesignImage(Map.of("pic", war.base() + "/image/" + name))).getMessage());
            String gone = war.base() + "/image/gone.png?token=" + minter.mint("gone.png", "chinese_manufacturing").text();
            assertEquals("Image access failed: 404",
                    assertThrows(IllegalStateException.class, () -> downloadDesignImage(Map.of("pic", gone))).getMessage());
        }
    }
}
