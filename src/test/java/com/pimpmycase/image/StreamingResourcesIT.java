package com.pimpmycase.image;

import com.pimpmycase.testing.Eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.DroppedDownloads;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.ServerProcess;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.testing.WarProcess;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming under pressure (issue: image streaming): bounded memory for many large downloads,
 * and no file handle left behind by downloads the client abandons mid-body.
 */
class StreamingResourcesIT {

    static final TokenMinter MINTER = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY),
            PartnerPolicies.defaults(), Clock.systemUTC());

    @TempDir
    Path data;

    static String path(String name) {
        return "/image/" + name + "?token=" + MINTER.mint(name, "chinese_manufacturing").text();
    }

    /**
     * 32 concurrent downloads of a 50 MiB image (served from one mapping once it has been asked
     * for twice) alongside 16 of distinct 8 MiB images (each asked once, so streamed), from a JVM
     * with a 64 MiB heap.
     */
    @Test
    void largeDownloadsInBoundedMemory() throws Exception {
        int huge = 50 * 1024 * 1024;
        int large = 8 * 1024 * 1024;
        try (WarProcess server = WarProcess.start(data, "-Xmx64m")) {
            server.storeImage("huge.png", TestImages.pngHeaderedNoise(huge, 3));
            List<String> names = new ArrayList<>(java.util.Collections.nCopies(32, "huge.png"));
            for (int i = 0; i < 16; i++) {
                server.storeImage("once-" + i + ".png", TestImages.pngHeaderedNoise(large, 100 + i));
                names.add("once-" + i + ".png");
            }
            HttpClient client = HttpClient.newHttpClient();
            ExecutorService pool = Executors.newFixedThreadPool(names.size());
            List<Future<long[]>> downloads = new ArrayList<>();
            for (String name : names) {
                downloads.add(pool.submit(() -> {
                    HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                            URI.create(server.base() + path(name))).build(), HttpResponse.BodyHandlers.ofInputStream());
                    long total = 0;
                    try (InputStream in = response.body()) {
                        byte[] buffer = new byte[256 * 1024];
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            total += n;
                        }
                    }
                    return new long[] {response.statusCode(), total};
                }));
            }
            for (int i = 0; i < names.size(); i++) {
                long[] result = downloads.get(i).get();
                assertEquals(200, result[0]);
                assertEquals(names.get(i).equals("huge.png") ? huge : large, result[1], names.get(i));
            }
            pool.shutdown();
            assertTrue(server.isAlive());
            assertFalse(server.console().contains("OutOfMemoryError"), server.console());
        }
    }

    @Test
    void abortedDownloadsLeaveNothingOpenOnEmbeddedJetty() throws Exception {
        try (WarProcess server = WarProcess.start(data)) {
            assertAbortsLeaveNothingOpen(server);
        }
    }

    /** Tomcat streams this through sendfile: the kernel's copy must be released too. */
    @Test
    void abortedDownloadsLeaveNothingOpenOnTomcat() throws Exception {
        try (ExternalServer server = ExternalServer.tomcat("pimpmycase.tomcat10.home",
                DeployedWar.defaultEntries(data), data.resolve("images"))) {
            assertAbortsLeaveNothingOpen(server);
        }
    }

    /**
     * Half the downloads are of one version (on Jetty, served from its mapping after the first),
     * half of a file that gets a new modification time before each (so streamed from the file).
     */
    private static void assertAbortsLeaveNothingOpen(ServerProcess server) throws Exception {
        server.storeImage("big.png", TestImages.pngHeaderedNoise(8 * 1024 * 1024, 5));
        Path fresh = server.storeImage("fresh.png", TestImages.pngHeaderedNoise(8 * 1024 * 1024, 6));
        java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong(1_700_000_000_000L);
        for (int i = 0; i < 20; i++) {
            download(server, "big.png", 16 * 1024); // warm up: thread pools, buffers, caches
            download(server, "fresh.png", 16 * 1024);
        }
        Thread.sleep(500);
        long before = server.openFiles();
        String consoleBefore = server.console();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> aborted = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            boolean streamed = i % 2 == 0;
            aborted.add(pool.submit(() -> {
                if (streamed) {
                    Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.fromMillis(version.addAndGet(1000)));
                }
                return download(server, streamed ? "fresh.png" : "big.png", 16 * 1024);
            }));
        }
        for (Future<Integer> a : aborted) {
            assertTrue(a.get() >= 16 * 1024, "each download had started its body");
        }
        pool.shutdown();

        // The server notices the resets asynchronously.
        Eventually.await(Duration.ofSeconds(10), server::openFiles, after -> after <= before + 2,
                "open files before " + before + ", after 1000 aborts");
        String noise = server.console().substring(consoleBefore.length());
        long noisyLines = noise.lines().filter(l -> l.contains("Exception") || l.contains("SEVERE")
                || l.contains("WARN") || l.contains("ERROR")).count();
        assertTrue(noisyLines <= 1000, noisyLines + " noisy log lines for 1000 aborts");
        assertEquals(200, server.get("/health").statusCode());
    }

    /** Starts a download on a raw socket, reads {@code bytes} of it, then resets the connection. */
    private static int download(ServerProcess server, String name, int bytes) throws Exception {
        return DroppedDownloads.readThenDrop(server, path(name), "", bytes, true);
    }
}
