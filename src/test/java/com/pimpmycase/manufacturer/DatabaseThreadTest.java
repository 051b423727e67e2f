package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The database work of an attempt is never interrupted, and the caller keeps its interrupt. */
class DatabaseThreadTest {

    @Test
    void anInterruptedCallerWaitsForTheWorkWhichIsNotInterruptedAndKeepsItsInterrupt() throws Exception {
        DatabaseThread database = new DatabaseThread();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean workInterrupted = new AtomicBoolean();
        AtomicBoolean callerInterrupted = new AtomicBoolean();
        String[] answer = new String[1];
        Thread caller = new Thread(() -> {
            try {
                answer[0] = database.call(() -> {
                    started.countDown();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        workInterrupted.set(true);
                    }
                    return "done";
                });
            } catch (SQLException e) {
                answer[0] = "failed";
            }
            callerInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(5000);
        assertEquals("done", answer[0]);
        assertFalse(workInterrupted.get(), "the database work must not see the interrupt");
        assertTrue(callerInterrupted.get(), "the caller keeps it for its next HTTP call");
        database.close();
        assertTrue(database.terminated(), "no thread is left behind");
    }

    @Test
    void anSqlExceptionReachesTheCallerAndAClosedThreadRefuses() throws Exception {
        DatabaseThread database = new DatabaseThread();
        SQLException thrown = assertThrows(SQLException.class, () -> database.call(() -> {
            throw new SQLException("down", "08001");
        }));
        assertEquals("08001", thrown.getSQLState());
        database.close();
        assertThrows(SQLException.class, () -> database.call(() -> "late"));
    }
}
