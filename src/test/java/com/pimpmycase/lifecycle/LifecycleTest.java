package com.pimpmycase.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void closesInReverseOrderAndGoesOnPastAFailure() {
        List<String> closed = new ArrayList<>();
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.manage("database", () -> closed.add("database"));
        lifecycle.manage("broken", () -> {
            closed.add("broken");
            throw new IllegalStateException("cannot");
        });
        lifecycle.manage("worker", () -> closed.add("worker"));

        lifecycle.close();
        assertEquals(List.of("worker", "broken", "database"), closed);

        lifecycle.close(); // a second close closes nothing twice
        assertEquals(3, closed.size());
        assertThrows(IllegalStateException.class, () -> lifecycle.manage("late", () -> { }));
    }

    @Test
    void schedulerThreadsAreNamedAndGoneAfterClose() throws Exception {
        Lifecycle lifecycle = new Lifecycle();
        ScheduledExecutorService scheduler = lifecycle.scheduler("test-worker", 2);
        CountDownLatch running = new CountDownLatch(1);
        scheduler.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(60_000); // a task blocked in I/O or a sleep: interrupted on close
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertTrue(threadsNamed("pimpmycase-test-worker-") > 0);

        lifecycle.close();
        assertTrue(scheduler.isTerminated());
        assertEquals(0, threadsNamed("pimpmycase-test-worker-"));
        assertFalse(scheduler.isShutdown() && !scheduler.isTerminated());
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }
}
