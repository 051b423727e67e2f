package com.pimpmycase.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApiRequestLogTest {

    private final List<String> written = new CopyOnWriteArrayList<>();

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        ApiRequestLog log = new ApiRequestLog(2, written::add); // no writer running: nothing drains

        long started = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            log.write("line " + i);
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "a request never waits for the log");
        assertEquals(3, log.dropped());
        assertEquals(List.of(), written);
    }

    @Test
    void theWriterWritesInOrderAndEverythingQueuedBeforeItIsStopped() throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ApiRequestLog log = new ApiRequestLog(100, line -> {
            written.add(line);
            if (line.equals("line 0")) { // a slow disk: the writer is busy while lines pile up
                firstWritten.countDown();
                awaitQuietly(release);
            }
        });
        ExecutorService writer = Executors.newSingleThreadExecutor();
        writer.execute(log::drain);
        log.write("line 0");
        assertTrue(firstWritten.await(5, TimeUnit.SECONDS));
        IntStream.rangeClosed(1, 50).forEach(i -> log.write("line " + i));

        writer.shutdownNow(); // undeploy: interrupt the writer while 50 lines are queued
        release.countDown();
        assertTrue(writer.awaitTermination(5, TimeUnit.SECONDS));

        assertEquals(IntStream.rangeClosed(0, 50).mapToObj(i -> "line " + i).toList(), written);
        assertEquals(0, log.dropped());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // seen again by the writer's next take()
        }
    }
}
