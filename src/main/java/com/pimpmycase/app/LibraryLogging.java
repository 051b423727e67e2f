package com.pimpmycase.app;

import com.pimpmycase.web.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Keeps tokens and keys out of what the libraries in the WAR log (SPEC §6, issues 14.5 and 22),
 * whatever the request path or query holds.
 *
 * <p>What they can log, at the levels a server runs with:
 * <ul>
 * <li>Jersey's {@code WebComponent} warns with the whole request URI, query included, when a form
 *     POST carries its parameters in the query string: a token or an image link's token goes to
 *     the log. Kept, with every URI in the message cut before its query — the path may hold
 *     quotes, semicolons or anything else a request line can carry (issue 22.3).
 * <li>Any library line (Jersey, HK2, Flyway, the PostgreSQL driver, Jackson, Jdbi, HttpClient) may name a request
 *     path or an exception whose message holds one: every record of theirs passes a sanitising
 *     handler ({@link Sanitiser}) that cuts URI queries and masks every run of 32 or more hex
 *     digits ({@link LogText#maskHex}), in the message and in the exception chain (issue 22.8b).
 * <li>Jersey's {@code LoggingFeature} and its tracing loggers write request lines and headers
 *     ({@code Authorization: Bearer …}) once switched on by configuration, and so do HttpClient's
 *     {@code headers} and {@code wire} loggers (the manufacturer's token and password): off,
 *     whatever is set.
 * </ul>
 *
 * <p>Works with one JVM-wide {@code java.util.logging} (Jetty) and with Tomcat's per-webapp JULI
 * loggers alike, provided it runs on the webapp's thread (a listener). The configured loggers are
 * held here: {@code java.util.logging} keeps loggers only weakly, and a logger collected and made
 * anew would have lost its settings.
 */
public final class LibraryLogging implements AutoCloseable {

    /** Loggers whose messages may carry a request URI with its query. */
    static final List<String> URI_LOGGERS = List.of("org.glassfish.jersey.servlet.WebComponent");
    /** Loggers that write whole requests (lines, headers, entities) when enabled. */
    static final List<String> REQUEST_DUMPERS = List.of("org.glassfish.jersey.logging.LoggingFeature",
            "org.glassfish.jersey.tracing",
            // HttpClient's header and wire logs: the manufacturer's token, password and sign (via slf4j-jdk14)
            "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");
    /** The top loggers of every library the WAR ships that logs through {@code java.util.logging}. */
    static final List<String> LIBRARY_ROOTS = List.of("org.glassfish", "org.jvnet", "org.flywaydb", "org.postgresql",
            "com.fasterxml", "org.jdbi", "org.apache.hc");

    /**
     * A URI (scheme and authority), its path up to the first {@code ?} — any character but
     * whitespace, quotes and semicolons included — then its query, up to whitespace.
     */
    private static final Pattern URI_QUERY = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?]*)\\?\\S*");

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Filter> previousFilters = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private final List<Logger> sanitised = new ArrayList<>();
    private final List<Sanitiser> sanitisers = new ArrayList<>();

    private LibraryLogging() {
    }

    /** Applies the settings until {@link #close()} (call that when the WAR is undeployed). */
    public static LibraryLogging quiet() {
        LibraryLogging settings = new LibraryLogging();
        for (String name : URI_LOGGERS) {
            Logger logger = settings.hold(name);
            Filter previous = logger.getFilter();
            logger.setFilter(record -> {
                redactQueries(record);
                return previous == null || previous.isLoggable(record);
            });
        }
        for (String name : REQUEST_DUMPERS) {
            settings.hold(name).setLevel(Level.OFF);
        }
        for (String name : LIBRARY_ROOTS) {
            Logger logger = Logger.getLogger(name);
            Sanitiser sanitiser = new Sanitiser(logger);
            logger.addHandler(sanitiser);
            logger.setUseParentHandlers(false); // the sanitiser hands each record on, cleaned
            settings.sanitised.add(logger);
            settings.sanitisers.add(sanitiser);
        }
        return settings;
    }

    private Logger hold(String name) {
        Logger logger = Logger.getLogger(name);
        loggers.add(logger);
        previousFilters.add(logger.getFilter());
        previousLevels.add(logger.getLevel());
        return logger;
    }

    /** Puts back what was configured before (on Jetty the loggers outlive the WAR). */
    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setFilter(previousFilters.get(i));
            loggers.get(i).setLevel(previousLevels.get(i));
        }
        loggers.clear();
        for (int i = 0; i < sanitised.size(); i++) {
            Logger logger = sanitised.get(i);
            logger.removeHandler(sanitisers.get(i));
            if (Sanitiser.firstOn(logger) == null) {
                logger.setUseParentHandlers(true); // no other WAR in this JVM still sanitises here
            }
        }
        sanitised.clear();
        sanitisers.clear();
    }

    /** Cuts every URI in the message and its string parameters before the query; masks long hex runs. */
    static void redactQueries(LogRecord record) {
        record.setMessage(clean(record.getMessage()));
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof CharSequence || parameters[i] instanceof java.net.URI) {
                    parameters[i] = clean(parameters[i].toString());
                }
            }
        }
    }

    static String withoutQueries(String text) {
        return text == null ? null : URI_QUERY.matcher(text).replaceAll("$1?(query not logged)");
    }

    /** What a library line may say: no URI query, no run of 32+ hex digits. */
    static String clean(String text) {
        return LogText.maskHex(withoutQueries(text));
    }

    /**
     * Sits on a library's top logger (which then uses no parent handlers) and hands every record of
     * the library on to the parent loggers' handlers — the container's console and files — as a
     * copy with its message formatted and {@linkplain #clean cleaned} and its exception chain
     * cleaned likewise. Several WARs in one JVM (Jetty) each add one; only the first on a logger
     * publishes, so nothing is written twice.
     */
    static final class Sanitiser extends Handler {

        private static final Formatter FORMATTER = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        private final Logger anchor;

        Sanitiser(Logger anchor) {
            this.anchor = anchor;
            setLevel(Level.ALL);
        }

        static Handler firstOn(Logger logger) {
            for (Handler handler : logger.getHandlers()) {
                if (handler.getClass().getName().equals(Sanitiser.class.getName())) {
                    return handler;
                }
            }
            return null;
        }

        @Override
        public void publish(LogRecord record) {
            if (record == null || firstOn(anchor) != this) {
                return;
            }
            LogRecord copy = sanitised(record);
            for (Logger logger = anchor.getParent(); logger != null; logger = logger.getParent()) {
                for (Handler handler : logger.getHandlers()) {
                    handler.publish(copy);
                }
                if (!logger.getUseParentHandlers()) {
                    break;
                }
            }
        }

        static LogRecord sanitised(LogRecord record) {
            LogRecord copy = new LogRecord(record.getLevel(), clean(FORMATTER.formatMessage(record)));
            copy.setLoggerName(record.getLoggerName());
            copy.setSourceClassName(record.getSourceClassName());
            copy.setSourceMethodName(record.getSourceMethodName());
            copy.setInstant(record.getInstant());
            copy.setSequenceNumber(record.getSequenceNumber());
            copy.setLongThreadID(record.getLongThreadID());
            copy.setThrown(CleanThrowable.of(record.getThrown()));
            return copy;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Stands in for a library's exception in a log record: same class name, stack and causes, its
     * message {@linkplain #clean cleaned}.
     */
    static final class CleanThrowable extends Throwable {

        private final String text;

        private CleanThrowable(Throwable original) {
            super((String) null);
            this.text = clean(original.toString());
            setStackTrace(original.getStackTrace());
        }

        static Throwable of(Throwable original) {
            return of(original, 0);
        }

        private static Throwable of(Throwable original, int depth) {
            if (original == null) {
                return null;
            }
            CleanThrowable clean = new CleanThrowable(original);
            if (depth < 16 && original.getCause() != null && original.getCause() != original) {
                clean.initCause(of(original.getCause(), depth + 1));
            }
            for (Throwable suppressed : original.getSuppressed()) {
                if (depth < 16) {
                    clean.addSuppressed(of(suppressed, depth + 1));
                }
            }
            return clean;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
