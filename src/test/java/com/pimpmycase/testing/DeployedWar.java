package com.pimpmycase.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.plus.jndi.EnvEntry;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.handler.ConditionalHandler;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The packaged WAR (target/pimpmycase.war) deployed in embedded Jetty 12 ee10 on a free loopback
 * port, with JNDI entries bound the way an operator's context XML binds them.
 */
public final class DeployedWar implements ServiceUnderTest {

    /** Every path Jetty's FORM authenticator treats as j_security_check (conf/jetty/pimpmycase.xml). */
    public static final String J_SECURITY_CHECK = "^(?is).*/j_security_check(?:[;#/?].*)?$";


    public static final String SIGNING_KEY = "integration-test-signing-key-0123456789abcdef";

    /**
     * Background intervals for tests ({@code pimpmycase/timings}): a flush, refresh or sweep happens
     * within a tenth of a second, so a test waits for it that long rather than the production
     * seconds. Remove the entry to test the production defaults.
     */
    public static final String SHORT_TIMINGS = "revocationRefresh=100ms, downloadFlush=100ms, hourlyCountsFlush=100ms,"
            + " countsRefresh=100ms, paymentSweep=100ms, deliveryPoll=100ms";

    private final Server server;
    private final URI base;
    private final Path dataDirectory;

    private DeployedWar(Server server, URI base, Path dataDirectory) {
        this.server = server;
        this.base = base;
        this.dataDirectory = dataDirectory;
    }

    /** JNDI entries every test needs: the key, a fresh data directory and short background intervals. */
    public static Map<String, Object> defaultEntries(Path dataDirectory) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("pimpmycase/signingKey", SIGNING_KEY);
        entries.put("pimpmycase/dataDirectory", dataDirectory.toString());
        entries.put("pimpmycase/timings", SHORT_TIMINGS);
        return entries;
    }

    public static DeployedWar start(Path dataDirectory) throws Exception {
        return start(defaultEntries(dataDirectory));
    }

    /** Deploys with exactly {@code entries} bound under java:comp/env; fails if the WAR does not start. */
    public static DeployedWar start(Map<String, Object> entries) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setWar(war().toString());
        webapp.setContextPath("/");
        webapp.setThrowUnavailableOnStartupException(true);
        // Jetty names the unpack directory after host and port (0 here): without a directory of its
        // own, stopping one deployment would delete the jars of another one still running.
        webapp.setTempDirectory(Files.createTempDirectory("pimpmycase-war-").toFile());
        // Jetty loads every jakarta.* class from the server's class path first. Ours (this test's)
        // holds the JAX-RS API too, which a real server does not: left shared, JAX-RS's JVM-wide
        // RuntimeDelegate would keep pointing into the first deployment's Jersey after it stopped.
        // Each deployment uses the APIs its WAR ships, as on Tomcat or a standalone Jetty.
        webapp.getProtectedClassMatcher().exclude("jakarta.ws.rs.", "jakarta.inject.", "jakarta.annotation.",
                "jakarta.validation.", "jakarta.xml.bind.", "jakarta.activation.");
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            // A DataSource too: EnvEntry binds any object under java:comp/env, like Tomcat's <Resource>.
            new EnvEntry(webapp, e.getKey(), e.getValue(), true);
        }
        // The console's realm: what a Jetty operator configures as a HashLoginService (conf/jetty).
        UserStore users = new UserStore();
        users.addUser(ConsoleUsers.OPERATOR, Credential.getCredential(ConsoleUsers.OPERATOR_PASSWORD),
                new String[] {ConsoleUsers.ROLE});
        users.addUser(ConsoleUsers.OUTSIDER, Credential.getCredential(ConsoleUsers.OUTSIDER_PASSWORD),
                new String[] {ConsoleUsers.OUTSIDER_ROLE});
        HashLoginService realm = new HashLoginService(ConsoleUsers.REALM);
        realm.setUserStore(users);
        webapp.getSecurityHandler().setLoginService(realm);
        // As conf/jetty/pimpmycase.xml: Jetty's own j_security_check closed (the WAR's form posts to the WAR).
        ConditionalHandler.Reject closeJSecurityCheck = new ConditionalHandler.Reject(403);
        closeJSecurityCheck.includePath(J_SECURITY_CHECK);
        webapp.insertHandler(closeJSecurityCheck);
        server.setHandler(webapp);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        Object data = entries.get("pimpmycase/dataDirectory");
        return new DeployedWar(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()),
                data == null ? null : Path.of(data.toString()));
    }

    public static Path war() {
        Path war = Path.of(System.getProperty("pimpmycase.war", "target/pimpmycase.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run the integration tests with `mvn verify`");
        }
        return war;
    }

    /**
     * From now on takes the scheme and client from {@code Forwarded} / {@code X-Forwarded-*}, as
     * Jetty's {@code http-forwarded} module does behind a proxy that ends TLS (docs/CONSOLE.md).
     */
    public void trustForwardedHeaders() {
        for (Connector connector : server.getConnectors()) {
            connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                    .addCustomizer(new ForwardedRequestCustomizer());
        }
    }

    @Override
    public String base() {
        return base.toString();
    }

    @Override
    public Path imageDirectory() {
        return dataDirectory.resolve("images");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
