package com.pimpmycase.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The WAR deployed in a separate JVM, so a test can kill it (SIGKILL) like a crashed node.
 * {@link #main} is the child's entry point.
 */
public final class WarProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private WarProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a JVM serving the WAR with the default entries plus the test API clients on {@code data}. */
    public static WarProcess start(Path data, String... jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dpimpmycase.war=" + DeployedWar.war().toAbsolutePath(),
                WarProcess.class.getName(), data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                int port = Integer.parseInt(line.substring(5).strip());
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "war-process-output");
                drain.setDaemon(true);
                drain.start();
                return new WarProcess(process, port);
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("the WAR process exited before serving:\n" + seen);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
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

    public static void main(String[] args) throws Exception {
        Map<String, Object> entries = DeployedWar.defaultEntries(Path.of(args[0]));
        entries.put("pimpmycase/apiClients", ApiCaller.clientsEntry());
        DeployedWar war = DeployedWar.start(entries);
        System.out.println("PORT " + war.uri("/").getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
