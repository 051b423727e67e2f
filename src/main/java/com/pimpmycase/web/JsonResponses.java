package com.pimpmycase.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes JSON bodies from servlets and filters, and through {@code api.ApiResponses} every /api answer. */
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

    /** A JSON answer of a servlet or filter, e.g. an error in the contract's shape. */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status, Object body)
            throws IOException {
        send(request, response, status, toBytes(body));
    }

    /** {@code {"detail":"<the status's text>"}}, e.g. 405 {@code Method Not Allowed}. */
    public static void sendStatus(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        send(request, response, status, ErrorBodies.detail(HttpStatusText.of(status)));
    }

    /** Any JSON answer of a servlet or filter: private, never cached, never sniffed; no body for HEAD. */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status, byte[] json)
            throws IOException {
        response.setStatus(status);
        ResponseHeaders.privateAnswer(response);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(json);
        }
    }
}
