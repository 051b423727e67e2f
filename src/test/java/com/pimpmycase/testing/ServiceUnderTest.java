package com.pimpmycase.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The WAR running somewhere (embedded Jetty, a real Tomcat, a Jetty distribution), seen over HTTP. */
public interface ServiceUnderTest extends AutoCloseable {

    HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    String base();

    /** Where the deployment keeps its images (its {@code pimpmycase/imageDirectory}). */
    Path imageDirectory();

    default URI uri(String pathAndQuery) {
        return URI.create(base() + pathAndQuery);
    }

    /** Puts an image straight into the image directory, as a shared volume would hold it. */
    default Path storeImage(String name, byte[] content) throws IOException {
        Files.createDirectories(imageDirectory());
        return Files.write(imageDirectory().resolve(name), content);
    }

    default HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    default HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)));
    }

    default HttpResponse<byte[]> request(String method, String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
