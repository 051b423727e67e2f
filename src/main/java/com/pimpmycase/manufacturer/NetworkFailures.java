package com.pimpmycase.manufacturer;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * A call to the manufacturer that got no answer, in a few fixed words chosen by the exception's
 * type: exception messages may carry anything (a host name, a proxy's text), so none is shown. All
 * of them are transient failures (SPEC §9). Pure.
 */
final class NetworkFailures {

    private static final Logger LOG = Logger.getLogger(NetworkFailures.class.getName());

    private NetworkFailures() {
    }

    static String timedOut(Duration timeout) {
        return "timeout after " + timeout.toSeconds() + " s";
    }

    /** {@code failure}'s words; {@code timeout} is the deadline a timeout ran into. */
    static String describe(Throwable failure, Duration timeout) {
        if (failure instanceof LimitedBody.TooLargeException tooLarge) {
            return "answer larger than " + tooLarge.limit() + " bytes";
        }
        if (failure instanceof SocketTimeoutException) { // connect and read timeouts both
            return timedOut(timeout);
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return "connection refused";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof SSLException) {
            return "TLS failure (" + failure.getClass().getSimpleName() + ")";
        }
        if (failure instanceof NoHttpResponseException || failure instanceof ConnectionClosedException
                || failure instanceof EOFException || failure instanceof SocketException) {
            return "connection reset"; // closed or reset before the whole answer came
        }
        if (failure instanceof java.io.IOException) {
            return "I/O error (" + failure.getClass().getSimpleName() + ")";
        }
        LOG.log(Level.WARNING, "unexpected failure calling the manufacturer API: {0}", failure.getClass().getName());
        return "unexpected failure (" + failure.getClass().getSimpleName() + ")";
    }
}
