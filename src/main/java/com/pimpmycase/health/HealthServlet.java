package com.pimpmycase.health;

import com.pimpmycase.db.Database;
import com.pimpmycase.web.JsonResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health} (SPEC §6): 200 {@code UP} when the database answers and the image directory
 * is writable, else 503 {@code DOWN}; each check is listed. No paths, URLs or keys in it.
 * {@code checks.delivery} is for information only: a manufacturer that is down never makes the
 * service DOWN.
 */
public final class HealthServlet extends HttpServlet {

    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final Database database;
    private final Path imageDirectory;
    private final Supplier<Map<String, Object>> delivery;

    /** @param delivery {@code checks.delivery}: configured, pending, oldest_pending_seconds, failed (SPEC §6) */
    public HealthServlet(Database database, Path imageDirectory, Supplier<Map<String, Object>> delivery) {
        this.database = database;
        this.imageDirectory = imageDirectory;
        this.delivery = delivery;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean databaseUp = database.isReachable(DATABASE_TIMEOUT_SECONDS);
        boolean imagesUp = Files.isDirectory(imageDirectory) && Files.isWritable(imageDirectory);
        boolean up = databaseUp && imagesUp;

        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("database", status(databaseUp));
        checks.put("imageDirectory", status(imagesUp));
        checks.put("delivery", delivery.get());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        JsonResponses.send(request, response, up ? 200 : 503, body);
    }

    private static Map<String, String> status(boolean up) {
        return Map.of("status", up ? "UP" : "DOWN");
    }
}
