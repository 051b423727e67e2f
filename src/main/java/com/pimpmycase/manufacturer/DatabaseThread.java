package com.pimpmycase.manufacturer;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs an attempt's database work (the shared login token, payment registrations) on a thread of
 * its own. The dispatcher interrupts a worker to abandon an attempt or to stop, and an interrupt
 * that reaches a thread inside the embedded H2 database closes the whole database; so the worker
 * only ever waits here, uninterruptibly, and keeps its interrupt for the next HTTP call.
 */
final class DatabaseThread implements AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pimpmycase-manufacturer-db");
        thread.setDaemon(true);
        return thread;
    });

    <T> T call(Work<T> work) throws SQLException {
        Future<T> result;
        try {
            result = executor.submit(work::run);
        } catch (RejectedExecutionException e) {
            throw new SQLException("the manufacturer client is closed (the service is stopping)");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // kept for the next HTTP call, which it then ends
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw sql;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new SQLException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code tokens}, each call on this thread. */
    LoginTokens around(LoginTokens tokens) {
        return new LoginTokens() {
            @Override
            public Stored current() throws SQLException {
                return call(tokens::current);
            }

            @Override
            public boolean lease(String leaseId, Instant now, Instant until, String seen) throws SQLException {
                return call(() -> tokens.lease(leaseId, now, until, seen));
            }

            @Override
            public void store(String leaseId, Stored token) throws SQLException {
                call(() -> {
                    tokens.store(leaseId, token);
                    return null;
                });
            }

            @Override
            public void release(String leaseId) throws SQLException {
                call(() -> {
                    tokens.release(leaseId);
                    return null;
                });
            }
        };
    }

    /** {@code payments}, each call on this thread. */
    PaymentRegistrations around(PaymentRegistrations payments) {
        return new PaymentRegistrations() {
            @Override
            public Registration find(String thirdPayId) throws SQLException {
                return call(() -> payments.find(thirdPayId));
            }

            @Override
            public boolean lease(String thirdPayId, String leaseId, Instant now, Instant until) throws SQLException {
                return call(() -> payments.lease(thirdPayId, leaseId, now, until));
            }

            @Override
            public void payDataDone(String thirdPayId, String id, Instant at) throws SQLException {
                call(() -> {
                    payments.payDataDone(thirdPayId, id, at);
                    return null;
                });
            }

            @Override
            public void payStatusDone(String thirdPayId, Instant at) throws SQLException {
                call(() -> {
                    payments.payStatusDone(thirdPayId, at);
                    return null;
                });
            }

            @Override
            public void release(String thirdPayId, String leaseId) throws SQLException {
                call(() -> {
                    payments.release(thirdPayId, leaseId);
                    return null;
                });
            }
        };
    }

    /** Lets the work in hand finish (never interrupted), then the thread ends. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    boolean terminated() {
        return executor.isTerminated();
    }
}
