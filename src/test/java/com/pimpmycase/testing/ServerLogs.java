package com.pimpmycase.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The log files of a real server as an operator reads them: the console (catalina.out, Jetty's
 * stderr) and every file in Tomcat's {@code logs/}. {@link #mark()} remembers how much is written,
 * {@link #newText()} is what came after.
 */
public final class ServerLogs {

    private final ExternalServer server;
    private Map<Path, Long> marks = Map.of();

    public ServerLogs(ExternalServer server) {
        this.server = server;
    }

    public List<Path> files() throws IOException {
        Path console = server.serverBase().resolve("console.log");
        Path logs = server.serverBase().resolve("logs");
        if (!Files.isDirectory(logs)) {
            return List.of(console);
        }
        try (Stream<Path> files = Files.list(logs)) {
            return Stream.concat(Stream.of(console), files.filter(Files::isRegularFile).sorted()).toList();
        }
    }

    public void mark() throws IOException {
        Map<Path, Long> now = new HashMap<>();
        for (Path file : files()) {
            now.put(file, Files.size(file));
        }
        marks = now;
    }

    /** Everything written to any log file since {@link #mark()}. */
    public String newText() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files()) {
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(bytes.length, marks.getOrDefault(file, 0L));
            all.append("==> ").append(file.getFileName()).append('\n')
                    .append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    /** The new text once {@code expected} shows up at least {@code copies} times (at most 20 s). */
    public String await(String expected, int copies) throws Exception {
        // Tomcat's file handler writes asynchronously.
        return Eventually.await(java.time.Duration.ofSeconds(20), this::newText, text -> count(text, expected) >= copies,
                "not logged " + copies + " times: " + expected);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
