package com.pimpmycase.image;

import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14 item 3 for every lookup besides the image download (which {@link ImageEndpointContract}
 * covers on all four servers): a symbolic link in the image directory is no image for the preview,
 * for minting a link, for refreshing one, nor for an order. The real image next to the links is,
 * so each answer is about the link and nothing else.
 */
class SymlinkIT {

    static final String REAL = "design-1756378358-aaaaaaaa.png";
    static final byte[] SECRET = TestImages.png(4, 4); // an image, so only the link makes it unservable

    @TempDir
    static Path data;
    @TempDir
    static Path outside;
    static DeployedWar war;
    static ApiCaller api;
    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());

    @BeforeAll
    static void deploy() throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        war = DeployedWar.start(entries);
        api = new ApiCaller(war);
        Path images = war.imageDirectory();
        war.storeImage(REAL, TestImages.png(8, 8));
        Path secret = Files.write(outside.resolve("secret.png"), SECRET);
        Files.createSymbolicLink(images.resolve("link-outside.png"), secret);
        Files.createSymbolicLink(images.resolve("link-passwd.png"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(images.resolve("link-inside.png"), images.resolve(REAL));
        Files.createSymbolicLink(images.resolve("link-relative.png"), Path.of(REAL));
        Files.createSymbolicLink(images.resolve("link-dangling.png"), images.resolve("never-there.png"));
    }

    @AfterAll
    static void undeploy() throws Exception {
        war.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {REAL, "link-outside.png", "link-passwd.png", "link-inside.png", "link-relative.png",
        "link-dangling.png"})
    void previewShowsOnlyARealFile(String name) throws Exception {
        HttpResponse<byte[]> page = war.get("/preview/" + name + "?token=" + MINTER.mint(name, "end_user").text());
        assertEquals(name.equals(REAL) ? 200 : 404, page.statusCode(), name);
        assertFalse(new String(page.body(), StandardCharsets.UTF_8).contains("root:"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {REAL, "link-outside.png", "link-passwd.png", "link-inside.png", "link-relative.png",
        "link-dangling.png"})
    void generateSecureUrlMintsOnlyForARealFile(String name) throws Exception {
        HttpResponse<byte[]> response = api.postForm(SHOP_KEY, "/api/images/generate-secure-url",
                Map.of("filename", name));
        if (name.equals(REAL)) {
            assertEquals(200, response.statusCode(), text(response));
            return;
        }
        assertEquals(404, response.statusCode(), name + ": " + text(response));
        assertEquals("{\"detail\":\"Image not found\"}", text(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {REAL, "link-outside.png", "link-passwd.png", "link-inside.png", "link-relative.png",
        "link-dangling.png"})
    void refreshTokenOnlyForARealFile(String name) throws Exception {
        HttpResponse<byte[]> response = api.postForm(SHOP_KEY, "/api/images/refresh-token", Map.of("filename", name,
                "current_token", MINTER.mint(name, "end_user").text(), "additional_hours", "1"));
        assertEquals(name.equals(REAL) ? 200 : 404, response.statusCode(), name + ": " + text(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {REAL, "link-outside.png", "link-passwd.png", "link-inside.png", "link-relative.png",
        "link-dangling.png"})
    void anOrderNeedsARealFile(String name) throws Exception {
        String thirdId = "OREN-LINK-" + Integer.toHexString(name.hashCode());
        HttpResponse<byte[]> response = api.postJson(ADMIN_KEY, "/api/chinese/order/orderData",
                "{\"third_pay_id\":\"PYEN250828378395\",\"third_id\":\"" + thirdId + "\","
                        + "\"mobile_model_id\":\"MM102503290004\",\"pic\":\"" + name + "\","
                        + "\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS102503290010\"}");
        if (name.equals(REAL)) {
            assertEquals(201, response.statusCode(), text(response));
            return;
        }
        assertEquals(422, response.statusCode(), name + ": " + text(response));
        JsonNode error = json(response).get("detail").get(0);
        assertEquals("image_not_found", error.get("type").asText());
        assertEquals("[\"body\",\"pic\"]", error.get("loc").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {REAL, "link-outside.png", "link-passwd.png", "link-inside.png", "link-relative.png",
        "link-dangling.png"})
    void theImageItselfIsServedOnlyFromARealFile(String name) throws Exception {
        HttpResponse<byte[]> image = war.get("/image/" + name + "?token=" + MINTER.mint(name, "admin").text());
        assertEquals(name.equals(REAL) ? 200 : 404, image.statusCode(), name);
    }
}
