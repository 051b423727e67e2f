import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores N orders through POST /api/chinese/order/orderData, each one a delivery for the
 * dispatcher, so an image benchmark can run while a backlog drains (issue 10: the dispatcher's cost
 * on the image path). Run as a single-file program, no build:
 *
 *   java bench/load/LoadOrders.java <base-url> <shop-api-key> <n> <stored image>
 */
public final class LoadOrders {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LoadOrders <base-url> <shop-api-key> <n> <stored image>");
            System.exit(2);
        }
        String base = args[0];
        int n = Integer.parseInt(args[2]);
        String run = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase();
        HttpClient client = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(8);
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String thirdId = "BENCH" + run + "X" + i;
            String body = "{\"third_pay_id\":\"PAY" + thirdId + "\",\"third_id\":\"" + thirdId
                    + "\",\"mobile_model_id\":\"MM102503290004\",\"pic\":\"" + args[3]
                    + "\",\"device_id\":\"CXYLOGD8OQUK\",\"mobile_shell_id\":\"MS102503290010\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/chinese/order/orderData"))
                    .header("Authorization", "Bearer " + args[1])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.acquire();
            CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            sent.whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 201) {
                    if (failed.incrementAndGet() == 1) {
                        System.err.println("order refused: " + (error != null ? error : response.statusCode() + " " + response.body()));
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(8);
        System.out.printf("%d orders stored in %.1f s (%d failed)%n", n - failed.get(),
                (System.nanoTime() - started) / 1e9, failed.get());
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
