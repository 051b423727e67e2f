package com.pimpmycase.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A download a client gives up on: GET on a raw socket, read part of the answer, then go away. */
public final class DroppedDownloads {

    private DroppedDownloads() {
    }

    /**
     * Sends {@code GET <pathAndQuery>} with {@code headers} (each ending in CRLF), reads
     * {@code bytes} of the answer, then closes — with a reset, like a killed script, if {@code reset}.
     *
     * @return how many bytes were read (fewer when the server ended the answer first)
     */
    public static int readThenDrop(ServiceUnderTest server, String pathAndQuery, String headers, int bytes,
            boolean reset) throws Exception {
        URI uri = URI.create(server.base());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setReceiveBufferSize(64 * 1024);
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            int total = 0;
            while (total < bytes) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }
    }
}
