package com.pimpmycase.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the application started (pools, mappings, background threads), closed in reverse
 * order when the WAR is undeployed, so that no thread or file of ours outlives it. Background
 * work gets its threads from {@link #scheduler}: that is the one place to start a worker.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
    /** How long a scheduler's running task may take to notice it is being stopped. */
    static final long STOP_SECONDS = 10;

    private record Part(String name, AutoCloseable part) {}

    private final Deque<Part> started = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code part} to be closed on undeploy (after everything registered later), and returns it. */
    public synchronized <T extends AutoCloseable> T manage(String name, T part) {
        if (closed) {
            throw new IllegalStateException("the application is stopping; cannot start " + name);
        }
        started.push(new Part(name, part));
        return part;
    }

    /**
     * A scheduler for background work, its threads named {@code pimpmycase-<name>-<n>}, stopped on
     * undeploy: running tasks are interrupted and awaited up to {@value #STOP_SECONDS} s.
     */
    public ScheduledExecutorService scheduler(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        List<Thread> started = new CopyOnWriteArrayList<>();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "pimpmycase-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            started.add(thread);
            return thread;
        };
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(threads, factory);
        manage(name + " scheduler", () -> {
            scheduler.shutdownNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
            // Terminated means no task runs; joining means the threads themselves are gone too,
            // before the container looks for threads the application left behind.
            boolean stopped = scheduler.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
            for (Thread thread : started) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                stopped &= !thread.isAlive();
            }
            if (!stopped) {
                throw new IllegalStateException("threads still running after " + STOP_SECONDS + " s");
            }
        });
        return scheduler;
    }

    /** Closes every part, newest first; a part that fails to close is logged and the rest still closed. */
    @Override
    public void close() {
        Deque<Part> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(started);
            started.clear();
        }
        for (Part part : toClose) {
            try {
                part.part().close();
                LOG.fine(() -> "stopped " + part.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(Level.WARNING, "interrupted while stopping {0}", part.name());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot stop " + part.name() + ": " + e);
            }
        }
    }
}
