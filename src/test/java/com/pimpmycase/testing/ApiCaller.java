package com.pimpmycase.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.DigestUtils;

/** Calls the deployed WAR's /api as one API client would (Bearer key). */
public final class ApiCaller {

    public static final String SHOP_KEY = "test-shop-key-7d1f";
    public static final String FACTORY_KEY = "test-factory-key-3a9c";
    public static final String ADMIN_KEY = "test-admin-key-5e2b";
    public static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceUnderTest war;

    public ApiCaller(ServiceUnderTest war) {
        this.war = war;
    }

    /** The {@code pimpmycase/apiClients} value these keys belong to (the factory's as a SHA-256). */
    public static String clientsEntry() {
        return "webshop:shop:" + SHOP_KEY + ", factory:manufacturer:sha256:" + DigestUtils.sha256Hex(FACTORY_KEY).toUpperCase()
                + "\n ops:admin:" + ADMIN_KEY;
    }

    public HttpResponse<byte[]> postJson(String key, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return war.send(authorized(request, key));
    }

    public HttpResponse<byte[]> postForm(String key, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(war.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return war.send(authorized(request, key));
    }

    public HttpResponse<byte[]> get(String key, String path) throws IOException, InterruptedException {
        return war.send(authorized(HttpRequest.newBuilder(war.uri(path)), key));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String key) {
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
