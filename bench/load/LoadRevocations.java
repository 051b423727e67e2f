import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Loads N active link revocations into a running WAR through POST /api/revocations, so the image
 * benchmarks measure the hot path with a realistic revocation list (issue 11: 10,000). Run as a
 * single-file program (Java 11+), no build:
 *
 *   java bench/load/LoadRevocations.java <base-url> <signing-key> <admin-api-key> <n> [hot-file…]
 *
 * N−(hot files) revocations go to links of other images (bench-revoked-<i>.png; a link revocation
 * needs no stored file); each hot file (the one being benchmarked) gets one revoked link of its
 * own, so every benchmark request takes the slower branch: its file has revocations, and the
 * presented token is digested and looked up (it is not the revoked one, so it is still served).
 * About 60 a second on the embedded H2 database (each commit is written to disk before it returns).
 */
public final class LoadRevocations {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LoadRevocations <base-url> <signing-key> <admin-api-key> <n> [hot-file…]");
            System.exit(2);
        }
        String base = args[0];
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String adminKey = args[2];
        int n = Integer.parseInt(args[3]);
        // 47 h ahead, whole hours: within chinese_manufacturing's default maximum, alive for any
        // benchmark run, and the same tokens when a script restarts the server within the hour.
        long exp = (System.currentTimeMillis() / 1000 / 3600 + 47) * 3600;

        HttpClient client = HttpClient.newHttpClient();
        // A server restarted on the same data (tomcat-images.sh runs twice) has them already.
        String listed = client.send(HttpRequest.newBuilder(URI.create(base + "/api/revocations"))
                .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString()).body();
        int active = listed.split("\"id\":", -1).length - 1;
        if (active >= n) {
            System.out.println(active + " revocations active already");
            return;
        }
        Semaphore inFlight = new Semaphore(8);
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int hot = i - (n - (args.length - 4)); // the last ones go to the hot files
            String file = hot >= 0 ? args[4 + hot] : "bench-revoked-" + i + ".png";
            String message = file + ":" + exp + ":chinese_manufacturing";
            String signature = HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            String body = "{\"filename\":\"" + file + "\",\"token\":\"" + exp + ":chinese_manufacturing:" + signature
                    + "\",\"reason\":\"benchmark\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/revocations"))
                    .header("Authorization", "Bearer " + adminKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.acquire();
            CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            sent.whenComplete((response, error) -> {
                if (error != null || (response.statusCode() != 201 && response.statusCode() != 200)) {
                    if (failed.incrementAndGet() == 1) {
                        System.err.println("revocation refused: " + (error != null ? error : response.statusCode()));
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(8);
        System.out.printf("%d revocations loaded in %.1f s (%d failed)%n", n - failed.get(),
                (System.nanoTime() - started) / 1e9, failed.get());
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
