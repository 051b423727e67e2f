package com.pimpmycase.delivery;

import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The delivery benchmark of issue 10 (bench/load/deliveries.sh starts the nodes): runs the
 * manufacturer simulator on a fixed port, posts orders in a burst to the given nodes, and reports
 * the time from each 201 to the simulator's first acceptance (p50, p99), duplicates and overlaps;
 * once with a simulator that always answers at once, once with a share of transient faults.
 *
 * <pre>DeliveryBenchmark &lt;orders&gt; &lt;fault %&gt; &lt;simulator port&gt; &lt;shop key&gt; &lt;node url&gt;…</pre>
 */
public final class DeliveryBenchmark {

    private static final int CLIENTS = 32;

    public static void main(String[] args) throws Exception {
        int orders = Integer.parseInt(args[0]);
        int faultPercent = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        String shopKey = args[3];
        List<String> nodes = List.of(args).subList(4, args.length);
        ManufacturerSimulator simulator = new ManufacturerSimulator(port, Deliveries.ACCOUNT, Deliveries.PASSWORD,
                Deliveries.FIXED_KEY, Deliveries.SYSTEM_NAME).start();
        try {
            String run = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase();
            burst(simulator, nodes, shopKey, orders, 0, "BENCH-" + run + "-A");
            simulator.reset();
            burst(simulator, nodes, shopKey, orders, faultPercent, "BENCH-" + run + "-F");
        } finally {
            simulator.close();
        }
    }

    private static void burst(ManufacturerSimulator simulator, List<String> nodes, String shopKey, int orders,
            int faultPercent, String prefix) throws Exception {
        Random random = new Random(42);
        int faulty = 0;
        for (int i = 0; i < orders; i++) {
            if (random.nextInt(100) < faultPercent) {
                Fault fault = switch (random.nextInt(3)) {
                    case 0 -> Fault.httpStatus(503);
                    case 1 -> Fault.code(500, "device is unavailable");
                    default -> Fault.reset();
                };
                simulator.failOrder(prefix + "-" + i, fault, 1);
                faulty++;
            }
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Instant> acknowledged = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        Instant started = Instant.now();
        List<Future<?>> posts = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String thirdId = prefix + "-" + i;
            String node = nodes.get(i % nodes.size());
            posts.add(clients.submit(() -> {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(node + "/api/chinese/order/orderData"))
                        .header("Authorization", "Bearer " + shopKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Deliveries.order(thirdId, "PAY-" + thirdId, "small.png")))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException(thirdId + ": " + response.statusCode() + " " + response.body());
                }
                acknowledged.put(thirdId, Instant.now());
                return null;
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        clients.shutdown();
        Duration posting = Duration.between(started, Instant.now());

        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        List<Long> latencies = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            latencies.clear();
            for (Map.Entry<String, Instant> ack : acknowledged.entrySet()) {
                ManufacturerSimulator.OrderRecord received = simulator.received(ack.getKey());
                if (received != null && received.firstAcceptedAt() != null) {
                    latencies.add(Math.max(0, Duration.between(ack.getValue(), received.firstAcceptedAt()).toMillis()));
                }
            }
            if (latencies.size() == orders) {
                break;
            }
            Thread.sleep(200);
        }
        Collections.sort(latencies);
        String label = faultPercent == 0 ? "answers at once" : faultPercent + " % transient faults (" + faulty + " orders)";
        System.out.printf("| %-36s | %6d | %9d | %8s | %8s | %8s | %10d | %8d |%n", label, orders, latencies.size(),
                ms(percentile(latencies, 50)), ms(percentile(latencies, 99)), ms(latencies.isEmpty() ? -1
                        : latencies.get(latencies.size() - 1)), simulator.duplicates(), simulator.overlaps().size());
        System.out.println("  (posting the burst took " + posting.toMillis() + " ms)");
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : millis + " ms";
    }
}
