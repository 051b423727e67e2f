package com.pimpmycase.app;

import com.pimpmycase.testing.Eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.TokenMinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Undeploying the WAR from a running Tomcat leaves nothing of ours behind: no thread, no open file
 * of the data directory, nothing Tomcat's own leak detection complains about (threads started and
 * not stopped, JDBC drivers left registered, ThreadLocals). The WAR is redeployed (its context file
 * touched, as an operator changing a setting would) and then removed, and each time the JVM's
 * threads and file descriptors are compared with a single deployment's. Delivery to the
 * manufacturer (the simulator) is on, so the dispatcher's threads run, and an attempt is still in
 * flight when the WAR is undeployed.
 */
class RedeployIT {

    private static final Duration DEPLOY_WAIT = Duration.ofSeconds(60);
    /** Tomcat's messages when a web application leaves something behind at undeploy. */
    private static final Pattern LEAK = Pattern.compile(
            "appears to have started a thread|failed to unregister it|memory leak|ThreadLocal with key", Pattern.CASE_INSENSITIVE);
    /** The selector thread of a JDK HttpClient (the manufacturer client's). */
    private static final Pattern HTTP_CLIENT_THREAD = Pattern.compile("HttpClient-\\d+-SelectorManager");
    /**
     * Threads whose number varies with load, not with deployments: the live deployment's cached
     * pool of manufacturer calls, and the JIT's compiler threads. That none of ours survives the
     * undeploy is checked by name prefix at the end.
     */
    private static final Pattern ELASTIC_THREAD = Pattern.compile("pimpmycase-manufacturer-http-\\d+|C[12] CompilerThread\\d+");
    /** Thread names of the container's own pools, which grow and shrink by themselves. */
    private static final Pattern CONTAINER_THREAD = Pattern.compile("http-nio-.*|Catalina-utility-.*|.*AsyncFileHandlerWriter.*");

    private static ManufacturerSimulator simulator;

    @Test
    void redeployAndUndeployLeaveNoThreadOrFileBehind() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-redeploy");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        simulator = ManufacturerSimulator.started("acc", "pw-redeploy", "fixed-redeploy", "mobileShell");
        entries.put("pimpmycase/publicBaseUrl", "https://cases.example.net");
        entries.put("pimpmycase/manufacturer/baseUrl", simulator.baseUrl());
        entries.put("pimpmycase/manufacturer/account", "acc");
        entries.put("pimpmycase/manufacturer/password", "pw-redeploy");
        entries.put("pimpmycase/manufacturer/fixedKey", "fixed-redeploy");
        entries.put("pimpmycase/manufacturer/requestTimeoutSeconds", "30");
        try (AutoCloseable closing = RedeployIT::closeSimulator;
                ExternalServer tomcat = ExternalServer.tomcat("pimpmycase.tomcat11.home", entries, data.resolve("images"))) {
            exercise(tomcat);
            Set<String> threadsOfOneDeployment = threads(tomcat);
            long dataFilesOfOneDeployment = openFilesUnder(tomcat, data);
            assertTrue(dataFilesOfOneDeployment > 0, "the embedded database should be open");

            Path descriptor = tomcat.serverBase().resolve("conf/Catalina/localhost/ROOT.xml");
            Files.setLastModifiedTime(descriptor, FileTime.from(Instant.now().plusSeconds(5)));
            awaitLog(tomcat, "Undeploying context", 1);
            awaitDeployed(tomcat, 2);
            exercise(tomcat);

            assertEquals(Set.of(), difference(threads(tomcat), threadsOfOneDeployment), "threads left by the first deployment");
            assertEquals(dataFilesOfOneDeployment, openFilesUnder(tomcat, data), "files of the data directory held open");

            // An attempt in flight (the manufacturer is slow) while the WAR goes.
            String inFlight = "R" + System.nanoTime();
            simulator.fail(ManufacturerSimulator.PAY_STATUS, "P-" + inFlight, ManufacturerSimulator.Fault.hang(
                    Duration.ofSeconds(60)), 1);
            submitOrder(tomcat, inFlight);
            Thread.sleep(2000); // its payStatus call waits for the simulator's answer
            assertEquals(null, simulator.received(inFlight), "still in flight");
            Files.delete(descriptor);
            Files.delete(tomcat.serverBase().resolve("webapps/ROOT.war"));
            awaitLog(tomcat, "Undeploying context", 2);
            awaitGone(tomcat);
            assertEquals(0, openFilesUnder(tomcat, data), "files of the data directory held open after undeploy");
            Set<String> ours = new TreeSet<>();
            for (String thread : threads(tomcat)) {
                if (thread.startsWith("pimpmycase") || thread.contains("H2") || thread.contains("MVStore")
                        || HTTP_CLIENT_THREAD.matcher(thread).matches()) {
                    ours.add(thread);
                }
            }
            assertEquals(Set.of(), ours, "threads of ours after undeploy");

            String console = tomcat.console();
            Matcher leak = LEAK.matcher(console);
            assertTrue(!leak.find(), () -> "Tomcat reports a leak: " + around(console, leak.start()));
            // Two deployments' worth of start-up and shut-down, and not one warning (Jersey's
            // about resource instances included).
            assertEquals(List.of(), console.lines().filter(l -> l.contains(" WARNING ") || l.contains(" SEVERE "))
                    .toList());
        }
    }

    /** Uses every part that holds a resource: the database, an image read twice, the API. */
    private static void exercise(ExternalServer tomcat) throws Exception {
        String name = "redeploy-" + System.nanoTime() + ".png";
        tomcat.storeImage(name, TestImages.png(40, 80));
        TokenMinter minter = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                Clock.systemUTC());
        String link = "/image/" + name + "?token=" + minter.mint(name, "admin").text();
        assertEquals(200, tomcat.get(link).statusCode());
        assertEquals(200, tomcat.get(link).statusCode());
        String thirdId = submitOrder(tomcat, name, "R" + System.nanoTime());
        awaitCall(ManufacturerSimulator.ORDER_DATA, thirdId); // the dispatcher delivered it
        assertEquals(200, tomcat.get("/health").statusCode());
    }

    /**
     * The simulator's Jetty times out stopping after a call that hung while its client went away
     * (reported to deliver-client); that is not what this test is about.
     */
    private static void closeSimulator() {
        try {
            simulator.close();
        } catch (Exception e) {
            System.err.println("RedeployIT: the simulator did not stop cleanly: " + e);
        }
    }

    private static void submitOrder(ExternalServer tomcat, String thirdId) throws Exception {
        String name = "redeploy-" + System.nanoTime() + ".png";
        tomcat.storeImage(name, TestImages.png(40, 80));
        submitOrder(tomcat, name, thirdId);
    }

    private static String submitOrder(ExternalServer tomcat, String image, String thirdId) throws Exception {
        String order = "{\"third_pay_id\":\"P-" + thirdId + "\",\"third_id\":\"" + thirdId + "\",\"mobile_model_id\":\"M1\","
                + "\"pic\":\"" + image + "\",\"device_id\":\"D1\",\"mobile_shell_id\":\"S1\"}";
        assertEquals(201, new ApiCaller(tomcat).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order)
                .statusCode());
        return thirdId;
    }

    /** Waits until the simulator accepted a call of {@code path} for {@code thirdId}. */
    private static void awaitCall(String path, String thirdId) throws Exception {
        Eventually.until(DEPLOY_WAIT, () -> simulator.received(thirdId) != null && simulator.received(thirdId).accepted() > 0,
                () -> path + " of " + thirdId + " never reached the simulator");
    }

    private static Set<String> difference(Set<String> after, Set<String> before) {
        Set<String> extra = new TreeSet<>(after);
        extra.removeAll(before);
        // The JDK numbers its HTTP clients JVM-wide: the second deployment's manufacturer client
        // has the next number. Counted apart (threads() keeps one name per client).
        assertEquals(before.stream().filter(n -> HTTP_CLIENT_THREAD.matcher(n).matches()).count(),
                after.stream().filter(n -> HTTP_CLIENT_THREAD.matcher(n).matches()).count(),
                "HTTP client threads: " + after);
        extra.removeIf(name -> HTTP_CLIENT_THREAD.matcher(name).matches() || ELASTIC_THREAD.matcher(name).matches());
        extra.removeIf(name -> CONTAINER_THREAD.matcher(name).matches());
        return extra;
    }

    /** Thread names of the server JVM, from jcmd (the JDK's own tool). */
    private static Set<String> threads(ExternalServer server) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String dump = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, dump);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\"([^\"]+)\"").matcher(dump);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static long openFilesUnder(ExternalServer server, Path directory) throws IOException {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(server.pid()), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(directory)) {
                        count++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        return count;
    }

    private static void awaitLog(ExternalServer server, String text, int times) throws Exception {
        Eventually.until(DEPLOY_WAIT, () -> count(server.console(), text) >= times,
                () -> "'" + text + "' not logged " + times + " times:\n" + server.console());
    }

    private static void awaitDeployed(ExternalServer server, int times) throws Exception {
        awaitLog(server, "PimpMyCase image service started", times);
        Eventually.until(DEPLOY_WAIT, () -> server.get("/health").statusCode() == 200, () -> "not healthy after redeploy");
    }

    /** Waits until the application is gone (its paths answer Tomcat's own 404) and its threads had time to end. */
    private static void awaitGone(ExternalServer server) throws Exception {
        Eventually.until(DEPLOY_WAIT, () -> server.get("/health").statusCode() == 404, () -> "still deployed");
        awaitLog(server, "PimpMyCase image service stopped", 2);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String around(String console, int at) {
        return console.substring(Math.max(0, at - 300), Math.min(console.length(), at + 600));
    }
}
