package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each failure's words come from its type; the message (which may carry anything) is never shown. */
class NetworkFailuresTest {

    static Stream<Arguments> failures() {
        String secret = "host secret.example.com said reset eof closed";
        return Stream.of(
                Arguments.of(new SocketTimeoutException(secret), "timeout after 7 s"),
                Arguments.of(new ConnectTimeoutException(secret), "timeout after 7 s"),
                Arguments.of(new HttpHostConnectException(secret), "connection refused"),
                Arguments.of(new ConnectException(secret), "connection refused"),
                Arguments.of(new NoRouteToHostException(secret), "connection refused"),
                Arguments.of(new UnknownHostException(secret), "unknown host"),
                Arguments.of(new SSLHandshakeException(secret), "TLS failure (SSLHandshakeException)"),
                Arguments.of(new NoHttpResponseException(secret), "connection reset"),
                Arguments.of(new ConnectionClosedException(secret), "connection reset"),
                Arguments.of(new SocketException(secret), "connection reset"),
                Arguments.of(new EOFException(secret), "connection reset"),
                Arguments.of(new LimitedBody.TooLargeException(1 << 20), "answer larger than 1048576 bytes"),
                Arguments.of(new IOException(secret), "I/O error (IOException)"),
                Arguments.of(new IllegalStateException(secret), "unexpected failure (IllegalStateException)"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("failures")
    void wordsByType(Throwable failure, String words) {
        assertEquals(words, NetworkFailures.describe(failure, Duration.ofSeconds(7)));
    }
}
