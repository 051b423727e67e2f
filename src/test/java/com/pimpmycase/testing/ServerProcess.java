package com.pimpmycase.testing;

import java.io.IOException;

/** A {@link ServiceUnderTest} in a JVM of its own, whose resources a test can inspect. */
public interface ServerProcess extends ServiceUnderTest {

    /** Files (and sockets) the server JVM holds open right now, from /proc. */
    long openFiles() throws IOException;

    /** Everything the server printed so far. */
    String console() throws IOException;

    boolean isAlive();
}
