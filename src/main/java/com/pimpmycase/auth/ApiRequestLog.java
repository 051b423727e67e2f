package com.pimpmycase.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one line per /api request, written off the request thread. Writing it synchronously through
 * the container's logging (a flushed console write, on Tomcat a second copy in catalina.log) kept
 * request threads queued on the console handler's lock: GET orderData gained 1.2x on H2 and 1.65x on
 * PostgreSQL without it (docs/BENCHMARKS.md). Request threads format their line and queue it;
 * ONE background thread ({@link #drain}, started from the application's lifecycle) writes the
 * lines in order. A request never waits for the log: when the queue is full the line is dropped and
 * counted, and the writer reports the count at its next write. Undeploying interrupts the writer,
 * which first writes everything still queued.
 */
public final class ApiRequestLog {

    private static final Logger LOG = Logger.getLogger(ApiRequestLog.class.getName());
    /** About a second of lines at full load: a burst waits, a stuck disk costs lines, not requests. */
    static final int CAPACITY = 8192;
    private static final int BATCH = 256;

    private final BlockingQueue<String> queue;
    private final Consumer<String> sink;
    private final AtomicLong dropped = new AtomicLong();
    private long droppedReported;

    /** Lines go to this class's {@code java.util.logging} logger at INFO. */
    public ApiRequestLog() {
        // logp: the source is named, so the logger does not walk the writer's stack to find it.
        this(CAPACITY, line -> LOG.logp(Level.INFO, ApiRequestLog.class.getName(), "request", line));
    }

    ApiRequestLog(int capacity, Consumer<String> sink) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
    }

    /** Whether lines are wanted at all: callers skip formatting when INFO is off for this logger. */
    public boolean enabled() {
        return LOG.isLoggable(Level.INFO);
    }

    /** Queues {@code line} (already escaped, one line) without waiting; drops and counts it when full. */
    public void write(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    /** Lines dropped so far because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * The writer: run it on one background thread. Returns when that thread is interrupted (on
     * undeploy), after writing every line queued until then.
     */
    public void drain() {
        List<String> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                writeOut(batch);
            }
        } catch (InterruptedException stopping) {
            queue.drainTo(batch);
            writeOut(batch); // not interrupted now: a log handler may give up on an interrupted thread
            Thread.currentThread().interrupt();
        }
    }

    private void writeOut(List<String> batch) {
        for (String line : batch) {
            sink.accept(line);
        }
        batch.clear();
        long droppedNow = dropped.get();
        if (droppedNow != droppedReported) {
            LOG.warning("api request log: " + (droppedNow - droppedReported)
                    + " line(s) dropped, the log could not keep up");
            droppedReported = droppedNow;
        }
    }
}
