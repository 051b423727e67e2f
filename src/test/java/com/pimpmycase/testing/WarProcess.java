package com.pimpmycase.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The WAR in embedded Jetty in a separate JVM, so a test can give it a small heap, count its open
 * files, or kill it (SIGKILL) like a crashed node. {@link #main} is the child's entry point.
 */
public final class WarProcess implements ServerProcess {

    /** As long as a real server may take ({@link ExternalServer}): a JVM, the WAR and its migrations on a busy machine. */
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path data;
    private final Path console;

    private WarProcess(Process process, int port, Path data, Path console) {
        this.process = process;
        this.port = port;
        this.data = data;
        this.console = console;
    }

    /** Starts a JVM serving the WAR with the default entries plus the test API clients on {@code data}. */
    public static WarProcess start(Path data, String... jvmOptions) throws Exception {
        return start(data, Map.of(), jvmOptions);
    }

    /**
     * As {@link #start(Path, String...)}, with more JNDI entries (text values; an entry
     * {@value #POSTGRES_URL} binds {@code jdbc/pimpmycase} to a PostgreSQL DataSource on that JDBC URL).
     */
    public static WarProcess start(Path data, Map<String, String> entries, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dpimpmycase.war=" + DeployedWar.war().toAbsolutePath(),
                WarProcess.class.getName(), data.toString()));
        entries.forEach((name, value) -> command.add(name + "=" + value));
        Path console = Files.createTempFile("pimpmycase-war-process-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        try {
            String port = Eventually.await(STARTUP, () -> portLine(process, console), line -> line != null,
                    "the WAR process did not start");
            return new WarProcess(process, Integer.parseInt(port.substring(5).strip()), data, console);
        } catch (AssertionError | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the WAR process did not start:\n" + Files.readString(console), e);
        }
    }

    /** The line where the process tells its port, {@code null} while it starts; throws once it has exited. */
    private static String portLine(Process process, Path console) throws IOException {
        boolean exited = !process.isAlive(); // before reading: a process that printed its port and then died still counts
        for (String line : Files.readAllLines(console, StandardCharsets.UTF_8)) {
            if (line.startsWith("PORT ")) {
                return line;
            }
        }
        if (exited) {
            throw new IllegalStateException("exited with " + process.exitValue());
        }
        return null;
    }

    @Override
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public Path imageDirectory() {
        return data.resolve("images");
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public long openFiles() throws IOException {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    @Override
    public String console() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hooks, no chance to flush anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The entry name that stands for a PostgreSQL {@code jdbc/pimpmycase} given by its JDBC URL. */
    public static final String POSTGRES_URL = "jdbc/pimpmycase.url";

    public static void main(String[] args) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(Path.of(args[0]));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String name = args[i].substring(0, eq);
            String value = args[i].substring(eq + 1);
            if (name.equals(POSTGRES_URL)) {
                org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
                postgres.setUrl(value);
                entries.put("jdbc/pimpmycase", postgres);
            } else {
                entries.put(name, value);
            }
        }
        DeployedWar war = DeployedWar.start(entries);
        System.out.println("PORT " + war.uri("/").getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
