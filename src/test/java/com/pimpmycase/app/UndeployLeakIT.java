package com.pimpmycase.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.ApiCaller;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.Eventually;
import com.pimpmycase.testing.ExternalServer;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Undeploying the WAR from the Tomcat 10.1 distribution while revocations are in force leaves
 * nothing Tomcat's leak detection reports, as an operator reads it in catalina's log: every request
 * thread that checked a revoked link once kept a {@code ThreadLocal} of ours (the link digest's
 * scratch), which Tomcat logged as SEVERE for each such thread when the context stopped.
 */
class UndeployLeakIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Tomcat's words (WebappClassLoaderBase) for what a stopped web application left on its threads. */
    private static final Pattern LEAK = Pattern.compile("ThreadLocal|memory leak|failed to remove",
            Pattern.CASE_INSENSITIVE);
    private static final String FILE = "undeploy-leak.png";
    /** More parallel clients than one keep-alive connection: the requests land on several request threads. */
    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_CLIENT = 20;

    @Test
    void undeployWithRevocationsInForceLogsNoLeak() throws Exception {
        Path data = Files.createTempDirectory("pimpmycase-undeploy-leak");
        Map<String, Object> entries = DeployedWar.defaultEntries(data);
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        try (ExternalServer tomcat = ExternalServer.tomcat("pimpmycase.tomcat10.home", entries, data.resolve("images"))) {
            tomcat.storeImage(FILE, TestImages.png(40, 80));
            TokenMinter minter = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                    Clock.systemUTC());
            Token revoked = minter.mint(FILE, "chinese_manufacturing");
            Token valid = minter.mint(FILE, "end_user");
            assertEquals(201, new ApiCaller(tomcat).postJson(ApiCaller.ADMIN_KEY, "/api/revocations",
                    "{\"filename\":\"" + FILE + "\",\"token\":\"" + revoked.text() + "\"}").statusCode());

            requestOnManyThreads(tomcat, revoked, valid);

            undeploy(tomcat);
            List<String> leaks = catalinaLog(tomcat).lines()
                    .filter(line -> line.contains("SEVERE") || line.contains("ThreadLocal"))
                    .filter(line -> LEAK.matcher(line).find())
                    .toList();
            assertTrue(leaks.isEmpty(), () -> "Tomcat reports what the undeployed WAR left behind, "
                    + leaks.size() + " line(s), the first: " + leaks.get(0));
        }
    }

    /** Revoked (422) and valid (200) links, from parallel connections. */
    private static void requestOnManyThreads(ExternalServer tomcat, Token revoked, Token valid) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        assertEquals(422, tomcat.get(link(revoked)).statusCode());
                        assertEquals(200, tomcat.get(link(valid)).statusCode());
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static String link(Token token) {
        return "/image/" + FILE + "?token=" + token.text();
    }

    /**
     * Removes the WAR and its context file, as an operator undeploys, and waits until Tomcat
     * destroyed the context: its work directory goes after the context stopped, and the leak
     * checks run while it stops.
     */
    private static void undeploy(ExternalServer tomcat) throws Exception {
        Path base = tomcat.serverBase();
        Path work = base.resolve("work/Catalina/localhost/ROOT");
        Eventually.until(WAIT, () -> Files.isDirectory(work), () -> "the context's work directory " + work);
        Files.delete(base.resolve("conf/Catalina/localhost/ROOT.xml"));
        Files.delete(base.resolve("webapps/ROOT.war"));
        Eventually.until(WAIT, () -> tomcat.console().contains("PimpMyCase image service stopped"),
                () -> "the WAR's stop line in the console");
        Eventually.until(WAIT, () -> !Files.exists(work), () -> "the work directory deleted (after the leak checks)");
        Eventually.until(WAIT, () -> tomcat.get("/health").statusCode() == 404, () -> "/health gone (404)");
    }

    /** What Tomcat logged: its console and logs/catalina.*.log (written by a background handler, read last). */
    private static String catalinaLog(ExternalServer tomcat) throws IOException {
        StringBuilder log = new StringBuilder(tomcat.console());
        try (Stream<Path> files = Files.list(tomcat.serverBase().resolve("logs"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("catalina.")).toList()) {
                log.append('\n').append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return log.toString();
    }
}
