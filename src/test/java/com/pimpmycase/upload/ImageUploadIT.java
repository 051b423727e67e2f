package com.pimpmycase.upload;

import static com.pimpmycase.testing.ApiCaller.ADMIN_KEY;
import static com.pimpmycase.testing.ApiCaller.FACTORY_KEY;
import static com.pimpmycase.testing.ApiCaller.SHOP_KEY;
import static com.pimpmycase.testing.ApiCaller.json;
import static com.pimpmycase.testing.ApiCaller.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.ServiceUnderTest;
import com.pimpmycase.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** SPEC §5 upload: {@code POST /api/images} over HTTP against the WAR, on every server, one deployment each. */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
class ImageUploadIT {

    /** A small limit, so "exactly the limit" and "one byte over" are cheap to send. */
    static final int LIMIT = 300_000;
    static final byte[] PNG = TestImages.png(120, 240);

    /** Holds one data directory per server kind (created once for the class, deleted after the last kind). */
    @TempDir
    static Path servers;
    static ServiceUnderTest war;

    /** The server of this run. */
    @Parameter
    ServerKind kind;

    @BeforeParameterizedClassInvocation
    static void deploy(ServerKind kind) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(servers.resolve(kind.name()));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        entries.put("pimpmycase/maxUploadBytes", (long) LIMIT);
        war = kind.deploy(entries);
    }

    @AfterParameterizedClassInvocation
    static void undeploy() throws Exception {
        war.close();
    }

    static HttpResponse<byte[]> upload(String key, String contentType, byte[] body, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri("/api/images" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return war.send(request);
    }

    static void assertNoTemporaryFilesLeft() throws Exception {
        try (Stream<Path> files = Files.list(war.imageDirectory())) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void eachTypeIsStoredAndBothLinksWork() throws Exception {
        Map<String, byte[]> bodies = Map.of("image/png", PNG, "image/jpeg", TestImages.jpeg(64, 128),
                "image/webp", TestImages.webp());
        Map<String, String> extensions = Map.of("image/png", "png", "image/jpeg", "jpg", "image/webp", "webp");
        for (var upload : bodies.entrySet()) {
            long now = Instant.now().getEpochSecond();
            HttpResponse<byte[]> response = upload(SHOP_KEY, upload.getKey(), upload.getValue(), "");
            assertEquals(201, response.statusCode(), text(response));
            JsonNode body = json(response);
            String filename = body.get("filename").asText();
            assertTrue(filename.matches("design-\\d{10}-[0-9a-f]{8}\\." + extensions.get(upload.getKey())), filename);
            long exp = body.get("expires_at").asLong();
            assertTrue(exp >= now + 3600 && exp <= now + 3605, "end_user default lifetime");
            String publicUrl = body.get("public_url").asText();
            assertEquals(war.base() + "/image/" + filename + "?token=" + exp + ":end_user:", publicUrl.substring(0,
                    publicUrl.length() - 64));
            assertEquals(war.base() + "/preview/" + filename + "?token=" + publicUrl.split("token=")[1],
                    body.get("preview_url").asText());

            HttpResponse<byte[]> image = war.get(publicUrl.substring(war.base().length()));
            assertEquals(200, image.statusCode());
            assertEquals(upload.getKey(), image.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(upload.getValue(), image.body());
            assertEquals(200, war.get(body.get("preview_url").asText().substring(war.base().length())).statusCode());
        }
        assertNoTemporaryFilesLeft();
    }

    @Test
    void orderIdNamesTheFile() throws Exception {
        JsonNode body = json(upload(ADMIN_KEY, "image/png; charset=binary", PNG, "?order_id=OREN250828378396"));
        assertTrue(body.get("filename").asText().matches("order-OREN250828378396-final-\\d{10}-[0-9a-f]{8}\\.png"),
                body.toString());
        HttpResponse<byte[]> bad = upload(SHOP_KEY, "image/png", PNG, "?order_id=has%20space");
        assertEquals(422, bad.statusCode());
        assertEquals("[\"query\",\"order_id\"]", json(bad).get("detail").get(0).get("loc").toString());
    }

    @Test
    void bytesThatAreNotTheDeclaredTypeAre422() throws Exception {
        for (Object[] c : new Object[][] {
            {"image/png", TestImages.pngHeaderedNoise(4000, 9)},
            {"image/png", TestImages.jpeg(10, 10)},
            {"image/jpeg", PNG},
            {"image/webp", "RIFF....WEBPnonsense that is long enough".getBytes()},
            {"image/png", new byte[0]}}) {
            HttpResponse<byte[]> response = upload(SHOP_KEY, (String) c[0], (byte[]) c[1], "");
            assertEquals(422, response.statusCode(), text(response));
            JsonNode error = json(response).get("detail").get(0);
            assertEquals("image_invalid", error.get("type").asText());
            assertEquals("[\"body\"]", error.get("loc").toString());
        }
        assertNoTemporaryFilesLeft();
    }

    @Test
    void otherContentTypesAre415() throws Exception {
        for (String type : new String[] {"image/gif", "application/octet-stream", "text/plain", "image/svg+xml"}) {
            HttpResponse<byte[]> response = upload(SHOP_KEY, type, PNG, "");
            assertEquals(415, response.statusCode(), type);
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(415, upload(SHOP_KEY, null, PNG, "").statusCode());
    }

    @Test
    void rolesAndAuthentication() throws Exception {
        assertEquals(403, upload(FACTORY_KEY, "image/png", PNG, "").statusCode());
        assertEquals(401, upload(null, "image/png", PNG, "").statusCode());
    }

    @Test
    void aBodyOfExactlyTheLimitIsFineOneMoreByteIs413() throws Exception {
        byte[] exact = padPng(LIMIT);
        HttpResponse<byte[]> ok = upload(SHOP_KEY, "image/png", exact, "");
        assertEquals(201, ok.statusCode(), text(ok));
        HttpResponse<byte[]> over = upload(SHOP_KEY, "image/png", padPng(LIMIT + 1), "");
        assertEquals(413, over.statusCode());
        assertTrue(json(over).get("detail").asText().contains(String.valueOf(LIMIT)));
        assertNoTemporaryFilesLeft();
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = padPng(LIMIT * 3);
        HttpResponse<byte[]> response = war.send(HttpRequest.newBuilder(war.uri("/api/images"))
                .header("Content-Type", "image/png").header("Authorization", "Bearer " + SHOP_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertEquals(413, response.statusCode());
        assertNoTemporaryFilesLeft();
    }

    /**
     * The client announces 20 MiB and waits: the 413 comes at once, no 100 Continue, no body sent.
     * Tomcat 10.1 and 11 with their default connector (continueResponseTiming="immediately")
     * answer "100 " as soon as the headers are parsed, before the WAR runs, then the 413: a real
     * client starts sending the body. That breaks the promise of docs/API.md, so this fails there.
     */
    @Test
    void expectContinueGets413WithoutSendingTheBody() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", war.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + SHOP_KEY + "\r\nContent-Type: image/png\r\n"
                    + "Content-Length: " + (20 * 1024 * 1024) + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String statusLine = in.readLine();
            assertTrue(statusLine.startsWith("HTTP/1.1 413 "), statusLine); // not "100 Continue"
        }
    }

    @Test
    void concurrentUploadsAllCompleteUnderDistinctNames() throws Exception {
        int uploads = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> names = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            byte[] body = TestImages.png(50 + i, 100);
            bodies.add(body);
            names.add(pool.submit(() -> {
                HttpResponse<byte[]> response = upload(SHOP_KEY, "image/png", body, "");
                assertEquals(201, response.statusCode(), text(response));
                return json(response).get("filename").asText();
            }));
        }
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < uploads; i++) {
            String name = names.get(i).get();
            distinct.add(name);
            assertArrayEquals(bodies.get(i), Files.readAllBytes(war.imageDirectory().resolve(name)));
        }
        pool.shutdown();
        assertEquals(uploads, distinct.size());
        assertNoTemporaryFilesLeft();
    }

    /** A valid PNG of exactly {@code size} bytes: the real image plus an ancillary chunk of padding. */
    static byte[] padPng(int size) {
        byte[] png = TestImages.png(8, 8);
        int padding = size - png.length - 12; // chunk: length, type, data, CRC
        byte[] out = new byte[size];
        System.arraycopy(png, 0, out, 0, 33); // signature + IHDR
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.wrap(out, 33, 12 + padding);
        chunk.putInt(padding).put("zPAD".getBytes()).position(chunk.position() + padding);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(out, 37, 4 + padding);
        chunk.putInt((int) crc.getValue());
        System.arraycopy(png, 33, out, 33 + 12 + padding, png.length - 33);
        return out;
    }

    // --- issue 14 items 7 and 8: the whole structure, checked in linear time

    static java.util.Set<String> storedNames() throws Exception {
        try (Stream<Path> files = Files.list(war.imageDirectory())) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Starts like the declared type, but the structure is broken somewhere after the header. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} as {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "htmlBetweenIhdrAndIend        | image/png",
        "htmlBeforeIend                | image/png",
        "htmlAfterIend                 | image/png",
        "htmlInATextChunkWithoutImageData | image/png",
        "pngWithBadCrc                 | image/png",
        "pngWithWrongChunkLength       | image/png",
        "jpegWithoutScan               | image/jpeg",
        "jpegCutInItsTables            | image/jpeg",
        "jpegScanCutShort              | image/jpeg",
        "jpegScanCutThenHtmlAfterAnEoi | image/jpeg",
        "jpegWithHtmlAfterEoi          | image/jpeg",
        "webpChunkLongerThanTheFile    | image/webp",
        "webpChunkShorterThanItsData   | image/webp",
        "webpWithHtmlInsideTheRiff     | image/webp",
        "webpWithAnHtmlChunk           | image/webp"})
    void structurallyBrokenImagesAre422AndNotStored(String name, String contentType) throws Exception {
        byte[] body = (byte[]) com.pimpmycase.testing.BrokenImages.class.getMethod(name).invoke(null);
        java.util.Set<String> before = storedNames();
        HttpResponse<byte[]> response = upload(SHOP_KEY, contentType, body, "");
        assertEquals(422, response.statusCode(), name + ": " + text(response));
        JsonNode error = json(response).get("detail").get(0);
        assertEquals("image_invalid", error.get("type").asText());
        assertEquals("[\"body\"]", error.get("loc").toString());
        assertEquals(before, storedNames(), "nothing stored");
        assertNoTemporaryFilesLeft();
    }

    /**
     * 20 MiB (the default limit) of the worst kinds for the check: the JPEG of fill bytes
     * (with and without an end marker), a valid JPEG padded with fill bytes, a valid PNG with one
     * 20 MB chunk to CRC. The old inspector took about 5 s for 2 MB of fill bytes. Timed loosely
     * (the machine is shared; the request includes sending 20 MiB and an fsync); the figures are
     * printed.
     */
    @Test
    void twentyMebibyteWorstCasesAreDecidedInWellUnderASecond() throws Exception {
        // The check's cost is the WAR's, whatever the container: measured once, on embedded Jetty.
        org.junit.jupiter.api.Assumptions.assumeTrue(kind == ServerKind.EMBEDDED_JETTY);
        Map<String, Object> entries = DeployedWar.defaultEntries(Files.createTempDirectory(servers, "default-limit"));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        int size = 20 * 1024 * 1024; // the default pimpmycase/maxUploadBytes
        try (DeployedWar defaults = DeployedWar.start(entries)) {
            for (Object[] c : new Object[][] {
                {"jpegOfFillBytes", 2 * 1024 * 1024, "image/jpeg", 422}, // the example, 2 MB
                {"jpegOfFillBytesAndEoi", 2 * 1024 * 1024, "image/jpeg", 422},
                {"jpegOfFillBytes", size, "image/jpeg", 422},
                {"jpegOfFillBytesAndEoi", size, "image/jpeg", 422},
                {"jpegWithFillBytesBeforeEoi", size, "image/jpeg", 201},
                {"pngOfSize", size, "image/png", 201}}) {
                byte[] body = (byte[]) com.pimpmycase.testing.BrokenImages.class.getMethod((String) c[0], int.class)
                        .invoke(null, c[1]);
                HttpRequest.Builder request = HttpRequest.newBuilder(defaults.uri("/api/images"))
                        .header("Content-Type", (String) c[2]).header("Authorization", "Bearer " + SHOP_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                defaults.send(request); // once to warm up, as a running server would be
                long start = System.nanoTime();
                HttpResponse<byte[]> response = defaults.send(request);
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("upload of " + body.length + " bytes, " + c[0] + ": " + response.statusCode()
                        + " in " + millis + " ms");
                assertEquals(c[3], response.statusCode(), c[0] + ": " + text(response));
                // About 150 ms here; the defect this guards against took about 5 s per 2 MB (50 s at
                // this size), so a generous bound still catches it on a busy CI machine.
                assertTrue(millis < 10_000, c[0] + " took " + millis + " ms");
            }
        }
    }
}
