package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ManufacturerHttp} against a {@link RawHttpServer}: what goes on the wire, the 1 MiB limit,
 * each kind of failure classified by its exception's type, an interrupted caller aborting its
 * request, and {@link ManufacturerHttp#close()} leaving no thread behind.
 */
class ManufacturerHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] BODY = "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8);

    private ManufacturerHttp http;
    private RawHttpServer server;

    @AfterEach
    void close() throws Exception {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ManufacturerHttp.Reply post(RawHttpServer.Behaviour behaviour) throws Exception {
        server = new RawHttpServer(behaviour);
        http = new ManufacturerHttp(TIMEOUT);
        return http.post(server.uri("http", "/api/order/orderData"), BODY, Map.of("sign", "s1"));
    }

    @Test
    void aPostOfJsonOverHttp11WithTheProtocolsHeaders() throws Exception {
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            RawHttpServer.answer(socket, 200, "{\"code\":200}");
            socket.getInputStream().read(); // keeps the connection open until the client closes it
        });
        assertNull(reply.failure());
        assertEquals(200, reply.status());
        assertArrayEquals("{\"code\":200}".getBytes(StandardCharsets.UTF_8), reply.body());
        List<String> head = List.of(server.heads.take().split("\r\n"));
        assertEquals("POST /api/order/orderData HTTP/1.1", head.get(0));
        assertTrue(head.contains("User-Agent: " + ManufacturerHttp.USER_AGENT), head.toString());
        assertTrue(ManufacturerHttp.USER_AGENT.startsWith("PimpMyCase-ImageService/"));
        assertTrue(head.contains("Content-Type: application/json"), head.toString());
        assertTrue(head.contains("Content-Length: " + BODY.length), head.toString());
        assertTrue(head.contains("sign: s1"), head.toString());
        for (String line : head) {
            assertFalse(line.startsWith("Upgrade") || line.startsWith("Accept-Encoding")
                    || line.startsWith("Expect") || line.startsWith("Cookie"), line);
        }
    }

    @Test
    void anAnswerOfExactly1MibIsRead() throws Exception {
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            RawHttpServer.answer(socket, 200, "x".repeat(ManufacturerHttp.MAX_ANSWER_BYTES));
            socket.getInputStream().read();
        });
        assertNull(reply.failure());
        assertEquals(ManufacturerHttp.MAX_ANSWER_BYTES, reply.body().length);
    }

    @Test
    void aLargerAnswerIsRefusedWithAContentLength() throws Exception {
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            RawHttpServer.answer(socket, 200, "x".repeat(ManufacturerHttp.MAX_ANSWER_BYTES + 1));
            socket.getInputStream().read();
        });
        assertEquals("answer larger than 1048576 bytes", reply.failure());
    }

    @Test
    void aLargerAnswerIsRefusedWithoutAContentLengthAndNotReadToItsEnd() throws Exception {
        AtomicBoolean endless = new AtomicBoolean(true);
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            while (endless.get()) { // until the client closes the connection
                socket.getOutputStream().write(chunk);
            }
        });
        assertEquals("answer larger than 1048576 bytes", reply.failure());
        endless.set(false);
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsAReset() throws Exception { // NoHttpResponseException
        ManufacturerHttp.Reply reply = post(socket -> server.readRequest(socket.getInputStream()));
        assertEquals("connection reset", reply.failure());
    }

    @Test
    void aConnectionResetIsAReset() throws Exception { // SocketException
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            socket.setSoLinger(true, 0); // close() sends RST
        });
        assertEquals("connection reset", reply.failure());
    }

    @Test
    void aConnectionClosedInTheMiddleOfTheBodyIsAReset() throws Exception { // ConnectionClosedException
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"code\":"
                    .getBytes(StandardCharsets.ISO_8859_1));
        });
        assertEquals("connection reset", reply.failure());
    }

    @Test
    void aRefusedConnectionIsRefused() throws Exception { // HttpHostConnectException
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        http = new ManufacturerHttp(TIMEOUT);
        ManufacturerHttp.Reply reply = http.post(URI.create("http://127.0.0.1:" + closedPort + "/x"), BODY, Map.of());
        assertEquals("connection refused", reply.failure());
    }

    @Test
    void aHangIsATimeoutAfterTheRequestTimeout() throws Exception { // SocketTimeoutException or the deadline
        CountDownLatch released = new CountDownLatch(1);
        long started = System.nanoTime();
        ManufacturerHttp.Reply reply = post(socket -> {
            server.readRequest(socket.getInputStream());
            released.await(30, TimeUnit.SECONDS);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        released.countDown();
        assertEquals("timeout after 1 s", reply.failure());
        assertTrue(took.compareTo(TIMEOUT) >= 0 && took.compareTo(Duration.ofSeconds(5)) < 0, took.toString());
    }

    @Test
    void plainHttpAnsweringATlsHandshakeIsATlsFailure() throws Exception { // SSLException
        server = new RawHttpServer(socket -> {
            socket.getInputStream().read(new byte[512]); // the ClientHello
            RawHttpServer.answer(socket, 400, "{\"not\":\"tls\"}");
            socket.getInputStream().read();
        });
        http = new ManufacturerHttp(Duration.ofSeconds(10)); // the JVM's first TLS context takes a while
        ManufacturerHttp.Reply reply = http.post(server.uri("https", "/x"), BODY, Map.of());
        assertTrue(reply.failure().startsWith("TLS failure ("), reply.failure());
    }

    @Test
    void anInterruptedCallerAbortsItsRequest() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CompletableFuture<Integer> serverSaw = new CompletableFuture<>();
        server = new RawHttpServer(socket -> {
            server.readRequest(socket.getInputStream());
            received.countDown();
            try {
                serverSaw.complete(socket.getInputStream().read()); // -1 once the client closed it
            } catch (IOException reset) {
                serverSaw.complete(-1);
            }
        });
        http = new ManufacturerHttp(Duration.ofSeconds(30));
        CompletableFuture<Throwable> caller = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                http.post(server.uri("http", "/x"), BODY, Map.of());
                caller.complete(null);
            } catch (Throwable t) {
                caller.complete(t);
            }
        });
        thread.start();
        assertTrue(received.await(10, TimeUnit.SECONDS));
        thread.interrupt();
        assertTrue(caller.get(5, TimeUnit.SECONDS) instanceof InterruptedException);
        assertEquals(-1, serverSaw.get(5, TimeUnit.SECONDS), "the aborted request's connection is closed");
    }

    @Test
    void closeAbortsTheCallsUnderWayAndLeavesNoThread() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CountDownLatch received = new CountDownLatch(1);
        server = new RawHttpServer(socket -> {
            server.readRequest(socket.getInputStream());
            received.countDown();
            socket.getInputStream().read();
        });
        http = new ManufacturerHttp(Duration.ofSeconds(30));
        CompletableFuture<ManufacturerHttp.Reply> call = CompletableFuture.supplyAsync(() -> {
            try {
                return http.post(server.uri("http", "/x"), BODY, Map.of());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(received.await(10, TimeUnit.SECONDS));
        assertTrue(http.threadsAlive());

        long started = System.nanoTime();
        http.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0);
        ManufacturerHttp.Reply reply = call.get(5, TimeUnit.SECONDS);
        assertTrue(reply.failure() != null, "the call under way ends without an answer");
        assertFalse(http.threadsAlive());
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith(RawHttpServer.THREAD_NAME) && !name.startsWith("ForkJoinPool"))
                .collect(Collectors.toList());
        assertEquals(List.of(), left, "threads started by the client and still alive");
        assertEquals("the client is closed (the service is stopping)",
                http.post(server.uri("http", "/x"), BODY, Map.of()).failure());
    }

    @Test
    void aCallAfterCloseIsRefusedWithoutAThread() throws InterruptedException {
        http = new ManufacturerHttp(TIMEOUT);
        http.close();
        assertEquals("the client is closed (the service is stopping)",
                http.post(URI.create("http://127.0.0.1:9/x"), BODY, Map.of()).failure());
        assertFalse(http.threadsAlive());
    }

    @Test
    void aCallerAlreadyInterruptedSendsNothing() throws Exception {
        server = new RawHttpServer(socket -> server.readRequest(socket.getInputStream()));
        http = new ManufacturerHttp(TIMEOUT);
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> http.post(server.uri("http", "/x"), BODY, Map.of()));
        } finally {
            Thread.interrupted();
        }
        Thread.sleep(200);
        assertTrue(server.heads.isEmpty(), "no request reached the server");
    }
}
