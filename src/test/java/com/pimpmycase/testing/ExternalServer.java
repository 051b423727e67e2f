package com.pimpmycase.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server distribution (Tomcat 10.1/11, Jetty 12) running the WAR in its own JVM on a free
 * loopback port, configured only through the files an operator would write.
 */
public final class ExternalServer implements ServerProcess {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static Path jettyModules;

    private final String name;
    private final Process process;
    private final int port;
    private final Path imageDirectory;
    private final Path console;
    private final Path serverBase;

    private ExternalServer(String name, Process process, int port, Path imageDirectory, Path serverBase,
            Path console) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.imageDirectory = imageDirectory;
        this.serverBase = serverBase;
        this.console = console;
    }

    /**
     * Tomcat from {@code home}: a fresh CATALINA_BASE, the WAR as ROOT.war, conf/tomcat/ROOT.xml
     * filled in. {@code imageDirectory} is where the entries put the images ({@code null}: the default).
     */
    public static ExternalServer tomcat(String homeProperty, Map<String, Object> entries, Path imageDirectory)
            throws Exception {
        return tomcat(homeProperty, entries, imageDirectory, Map.of());
    }

    /**
     * As above, with {@code catalinaProperties} appended to conf/catalina.properties (Tomcat makes
     * each a system property at start-up, as an operator would set one).
     */
    public static ExternalServer tomcat(String homeProperty, Map<String, Object> entries, Path imageDirectory,
            Map<String, String> catalinaProperties) throws Exception {
        Path home = home(homeProperty);
        Path base = Files.createTempDirectory("pimpmycase-tomcat-");
        ContextFiles.copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : new String[] {"logs", "temp", "webapps", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        int port = freePort();
        Path serverXml = base.resolve("conf/server.xml");
        String server = Files.readString(serverXml)
                .replace("port=\"8005\"", "port=\"-1\"") // no shutdown port: the test stops it with a signal
                // continueResponseTiming="onRead" as README "Deploying" tells operators: Tomcat then sends
                // "100 Continue" only when the WAR reads the body, so a refused upload never gets it.
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\" continueResponseTiming=\"onRead\"");
        Files.writeString(serverXml, server);
        StringBuilder properties = new StringBuilder("\n");
        catalinaProperties.forEach((name, value) -> properties.append(name).append('=').append(value).append('\n'));
        Files.writeString(base.resolve("conf/catalina.properties"), properties.toString(),
                java.nio.file.StandardOpenOption.APPEND);
        Files.copy(DeployedWar.war(), base.resolve("webapps/ROOT.war"));
        ContextFiles.writeTomcat(entries, base.resolve("conf/Catalina/localhost/ROOT.xml"));
        // The console's users, in the realm server.xml configures by default (UserDatabaseRealm).
        Files.writeString(base.resolve("conf/tomcat-users.xml"), ConsoleUsers.tomcatUsers());

        List<String> command = java();
        command.addAll(List.of(
                // What catalina.sh adds on Java 17, so Tomcat's leak prevention works as in production.
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-cp", home.resolve("bin/bootstrap.jar") + ":" + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        return start("Tomcat " + home.getFileName(), command, base, port, imageDirectory);
    }

    /** Jetty from {@code home}: a fresh jetty.base with http, ee10-deploy, ee10-plus and conf/jetty/pimpmycase.xml. */
    public static ExternalServer jetty(Map<String, Object> entries, Path imageDirectory) throws Exception {
        Path home = home("pimpmycase.jetty.home");
        Path base = Files.createTempDirectory("pimpmycase-jetty-");
        ContextFiles.copyTree(jettyModules(home), base);
        Files.createDirectories(base.resolve("webapps"));
        Files.copy(DeployedWar.war(), base.resolve("webapps/pimpmycase.war"));
        ContextFiles.writeJetty(entries, base.resolve("webapps/pimpmycase.xml"));
        // The console's users, in the file conf/jetty/pimpmycase.xml's HashLoginService reads.
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/pimpmycase-operators.properties"), ConsoleUsers.jettyUsers());
        int port = freePort();
        List<String> command = java();
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.home=" + home,
                "jetty.base=" + base, "jetty.http.host=127.0.0.1", "jetty.http.port=" + port));
        return start("Jetty " + home.getFileName(), command, base, port, imageDirectory);
    }

    /**
     * A jetty.base with the modules enabled as the README says ({@code --add-modules}), made once per
     * test JVM: each deployment copies it rather than starting one more JVM to enable them again.
     */
    private static synchronized Path jettyModules(Path home) throws Exception {
        if (jettyModules == null) {
            Path base = Files.createTempDirectory("pimpmycase-jetty-modules-");
            List<String> setup = java();
            setup.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.home=" + home,
                    "jetty.base=" + base, "--add-modules=http,ee10-deploy,ee10-plus"));
            Path log = Files.createTempFile("pimpmycase-jetty-setup-", ".log");
            Process modules = new ProcessBuilder(setup).directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!modules.waitFor(60, TimeUnit.SECONDS) || modules.exitValue() != 0) {
                throw new IllegalStateException("jetty module setup failed:\n" + Files.readString(log));
            }
            jettyModules = base;
        }
        return jettyModules;
    }

    private static ExternalServer start(String name, List<String> command, Path base, int port,
            Path imageDirectory) throws Exception {
        Path console = base.resolve("console.log");
        Process process = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        // No image directory given: the WAR's default, <dataDirectory>/images with
        // dataDirectory = ${catalina.base}/pimpmycase.
        Path images = imageDirectory != null ? imageDirectory : base.resolve("pimpmycase/images");
        ExternalServer server = new ExternalServer(name, process, port, images, base, console);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() throws Exception {
        try {
            Eventually.until(STARTUP, this::healthy, () -> name + " did not become healthy:\n" + consoleTail());
        } catch (AssertionError | RuntimeException e) {
            close();
            throw e;
        }
    }

    private boolean healthy() throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited:\n" + consoleTail());
        }
        try {
            HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(uri("/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    @Override
    public String console() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    private String consoleTail() throws IOException {
        String all = console();
        return all.length() > 8000 ? all.substring(all.length() - 8000) : all;
    }

    @Override
    public long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    /** The server JVM's process id (for jcmd and /proc). */
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /** CATALINA_BASE or jetty.base of this server. */
    public Path serverBase() {
        return serverBase;
    }

    @Override
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Path imageDirectory() {
        return imageDirectory;
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: the server's shutdown hook stops it cleanly
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path home(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new IllegalStateException(property + " does not name an unpacked server: run `mvn verify`");
        }
        return Path.of(value);
    }

    private static List<String> java() {
        // Every contract starts each server once, on a CI machine with two cores: the client
        // compiler alone and the serial collector roughly halve a server's start-up time there.
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
