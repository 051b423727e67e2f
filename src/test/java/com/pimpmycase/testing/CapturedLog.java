package com.pimpmycase.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the WAR logs through {@code java.util.logging} while it runs in this JVM (embedded Jetty
 * shares the test's JUL): each message as formatted text. Close it to stop capturing.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    /** Held: JUL keeps loggers weakly, and a collected one takes the handler with it. */
    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Put back on close: a level left at ALL would make every later test class log at FINEST. */
    private final Level levelBefore;

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
    }

    /** Captures everything {@code com.pimpmycase} logs at {@code level} and above. */
    public static CapturedLog start(Level level) {
        CapturedLog log = new CapturedLog(Logger.getLogger("com.pimpmycase"));
        log.logger.addHandler(log);
        log.logger.setLevel(level);
        return log;
    }

    /** The messages so far, oldest first. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(new SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
