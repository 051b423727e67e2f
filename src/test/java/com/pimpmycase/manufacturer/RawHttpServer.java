package com.pimpmycase.manufacturer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A server on a local port that does to each connection what a test says, byte for byte: answer,
 * close, reset, hang. For the failures the simulator's Jetty cannot produce on purpose.
 */
final class RawHttpServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    static final String THREAD_NAME = "raw-http-server";

    private final ServerSocket server;
    private final Thread acceptor;
    /** The request heads received, in order. */
    final BlockingQueue<String> heads = new LinkedBlockingQueue<>();

    RawHttpServer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> {
                        try (socket) {
                            behaviour.serve(socket);
                        } catch (Exception ignored) {
                            // the client went away: what some tests want
                        }
                    }, THREAD_NAME + "-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, THREAD_NAME);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** Reads one request (head, then a Content-Length body) and records its head. */
    String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection");
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
        heads.add(text);
        return text;
    }

    static void answer(Socket socket, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
