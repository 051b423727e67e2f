package com.pimpmycase.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes JSON bodies from servlets and filters (Jersey resources use Jersey's Jackson provider). */
public final class JsonResponses {

    /** Shared and thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    public static byte[] toBytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + body.getClass(), e);
        }
    }

    /** An error response: JSON, never cached, never sniffed. The body is left out for HEAD. */
    public static void sendError(HttpServletRequest request, HttpServletResponse response, int status,
            Object body) throws IOException {
        sendError(request, response, status, toBytes(body));
    }

    public static void sendError(HttpServletRequest request, HttpServletResponse response, int status,
            byte[] json) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("application/json");
        response.setContentLength(json.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(json);
        }
    }
}
