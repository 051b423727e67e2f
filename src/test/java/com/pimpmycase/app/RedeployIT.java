package com.pimpmycase.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * threads and file descriptors are compared with a single deployment's.
 */
class RedeployIT {

    private static final Duration DEPLOY_WAIT = Duration.ofSeconds(60);
    /** Tomcat's messages when a web application leaves something behind at undeploy. */
    private static final Pattern LEAK = Pattern.compile(
            "appears to have started a thread|failed to unregister it|memory leak|ThreadLocal with key", Pattern.CASE_INSENSITIVE);
    /**
     * Thread names of the container's own pools and the JVM's JIT compiler threads (started on
     * demand under load), which grow and shrink by themselves.
     */
    private static final Pattern CONTAINER_THREAD = Pattern.compile(
            "http-nio-.*|Catalina-utility-.*|.*AsyncFileHandlerWriter.*|C[12] CompilerThread\\d+");

    @Test
    void redeployAndUndeployLeaveNoThreadOrFileBehind() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-redeploy");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        try (ExternalServer tomcat = ExternalServer.tomcat("pimpmycase.tomcat11.home", entries, data.resolve("images"))) {
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

            Files.delete(descriptor);
            Files.delete(tomcat.serverBase().resolve("webapps/ROOT.war"));
            awaitLog(tomcat, "Undeploying context", 2);
            awaitGone(tomcat);
            assertEquals(0, openFilesUnder(tomcat, data), "files of the data directory held open after undeploy");
            Set<String> ours = new TreeSet<>();
            for (String thread : threads(tomcat)) {
                if (thread.startsWith("pimpmycase") || thread.contains("H2") || thread.contains("MVStore")) {
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
        String order = "{\"third_pay_id\":\"P1\",\"third_id\":\"R" + System.nanoTime() + "\",\"mobile_model_id\":\"M1\","
                + "\"pic\":\"" + name + "\",\"device_id\":\"D1\",\"mobile_shell_id\":\"S1\"}";
        assertEquals(201, new ApiCaller(tomcat).postJson(ApiCaller.SHOP_KEY, "/api/chinese/order/orderData", order)
                .statusCode());
        assertEquals(200, tomcat.get("/health").statusCode());
    }

    private static Set<String> difference(Set<String> after, Set<String> before) {
        Set<String> extra = new TreeSet<>(after);
        extra.removeAll(before);
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
        long deadline = System.nanoTime() + DEPLOY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (count(server.console(), text) >= times) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("'" + text + "' not logged " + times + " times:\n" + server.console());
    }

    private static void awaitDeployed(ExternalServer server, int times) throws Exception {
        awaitLog(server, "PimpMyCase image service started", times);
        long deadline = System.nanoTime() + DEPLOY_WAIT.toNanos();
        while (server.get("/health").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not healthy after redeploy");
            Thread.sleep(250);
        }
    }

    /** Waits until the application is gone (its paths answer Tomcat's own 404) and its threads had time to end. */
    private static void awaitGone(ExternalServer server) throws Exception {
        long deadline = System.nanoTime() + DEPLOY_WAIT.toNanos();
        while (server.get("/health").statusCode() != 404) {
            assertTrue(System.nanoTime() < deadline, "still deployed");
            Thread.sleep(250);
        }
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
