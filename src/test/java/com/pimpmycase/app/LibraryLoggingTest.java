package com.pimpmycase.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 14.5: what is left of a library's log message that names a request URI. */
class LibraryLoggingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            A servlet request to the URI http://h:1/api/images/refresh-token?current_token=1:end_user:ab12 contains form parameters | A servlet request to the URI http://h:1/api/images/refresh-token?(query not logged) contains form parameters
            https://shop.example/cases/api/x?a=1&b=2                     | https://shop.example/cases/api/x?(query not logged)
            URI http://h/api/x?token=1%3Aa%3Ab. Next sentence            | URI http://h/api/x?(query not logged) Next sentence
            no URI here?token=x                                          | no URI here?token=x
            http://h/api/x without a query                               | http://h/api/x without a query
            two http://a/x?k=1 and http://b/y?k=2                        | two http://a/x?(query not logged) and http://b/y?(query not logged)
            http://h/api/images/refresh-token;p='?current_token=1:a:b x  | http://h/api/images/refresh-token;p='?(query not logged) x
            http://h/api/r;p="<x>'?current_token=1:a:b x               | http://h/api/r;p="<x>'?(query not logged) x
            """)
    void urisLoseTheirQuery(String message, String logged) {
        assertEquals(logged, LibraryLogging.withoutQueries(message));
    }

    /**
     * Issue 22.3 and 8b: every record of a library — not only the form warning — reaches the
     * container's handlers without a URI query or a run of 32+ hex digits, its exception chain
     * included.
     */
    @Test
    void everyLibraryRecordIsCleanedOnItsWayToTheContainersHandlers() {
        String sig = "ab".repeat(32);
        Logger root = Logger.getLogger("");
        List<LogRecord> published = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(capture);
        Logger runtime = Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");
        try (LibraryLogging ignored = LibraryLogging.quiet()) {
            runtime.log(Level.WARNING, "request to /api/x/{0} failed", sig);
            runtime.log(Level.SEVERE, "failed at http://h/api/r;p='?current_token=1:e:" + sig,
                    new IllegalStateException("path /x/" + sig, new RuntimeException("cause " + sig.toUpperCase())));
            Logger.getLogger("com.pimpmycase.Other").warning("ours " + sig); // not a library's: untouched
            List<LogRecord> jersey = published.stream()
                    .filter(r -> r.getLoggerName().startsWith("org.glassfish")).toList();
            assertEquals(2, jersey.size());
            java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();
            for (LogRecord record : jersey) {
                String text = formatter.format(record);
                assertFalse(text.contains(sig.substring(0, 32)) || text.toLowerCase().contains(sig.substring(8, 40)), text);
                assertFalse(text.contains("current_token"), text);
            }
            String second = formatter.format(jersey.get(1));
            assertTrue(second.contains("java.lang.IllegalStateException: path /x/abababab…(64 hex)"), second);
            assertTrue(second.contains("Caused by: java.lang.RuntimeException: cause ABABABAB…(64 hex)"), second);
            assertTrue(second.contains("at "), "the stack is kept: " + second);
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(Logger.getLogger("org.glassfish").getUseParentHandlers(), "undeploying puts the loggers back");
        assertEquals(0, Logger.getLogger("org.glassfish").getHandlers().length);
    }

    @Test
    void jerseysFormWarningReachesTheLogWithoutItsQuery() {
        Logger jersey = Logger.getLogger("org.glassfish.jersey.servlet.WebComponent");
        List<LogRecord> published = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jersey.addHandler(capture);
        try (LibraryLogging ignored = LibraryLogging.quiet()) {
            jersey.warning("A servlet request to the URI http://h/api/images/refresh-token?current_token=1:end_user:"
                    + "ab".repeat(32) + " contains form parameters");
            assertEquals(1, published.size(), "the warning itself is kept");
            assertFalse(published.get(0).getMessage().contains("ab".repeat(32)), published.get(0).getMessage());
            assertSame(Level.OFF, Logger.getLogger("org.glassfish.jersey.logging.LoggingFeature").getLevel());
        } finally {
            jersey.removeHandler(capture);
        }
        assertNull(jersey.getFilter(), "undeploying puts the loggers back");
        assertTrue(Logger.getLogger("org.glassfish.jersey.logging.LoggingFeature").getLevel() == null);
    }

    @Test
    void httpClientsHeaderAndWireLogsStayOffWhateverIsConfigured() {
        Logger wire = Logger.getLogger("org.apache.hc.client5.http.wire");
        Logger headers = Logger.getLogger("org.apache.hc.client5.http.headers");
        wire.setLevel(Level.ALL); // an operator debugging the manufacturer's calls
        try (LibraryLogging ignored = LibraryLogging.quiet()) {
            assertSame(Level.OFF, wire.getLevel());
            assertSame(Level.OFF, headers.getLevel());
        } finally {
            wire.setLevel(null);
        }
    }
}
