package com.pimpmycase.app;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Keeps tokens and keys out of what the libraries in the WAR log (SPEC §6, issue 14.5).
 *
 * <p>What they can log, at the levels a server runs with:
 * <ul>
 * <li>Jersey's {@code WebComponent} warns with the whole request URI, query included, when a form
 *     POST carries its parameters in the query string: a token or an image link's token goes to
 *     the log. Kept, with every URI in the message cut before its query.
 * <li>Jersey's {@code LoggingFeature} and its tracing loggers write request lines and headers
 *     ({@code Authorization: Bearer …}) once switched on by configuration: off, whatever is set.
 * </ul>
 * HK2 and Jackson log no request data; Flyway logs the JDBC URL with the password redacted; H2
 * writes only to its own {@code .trace.db} file; commons-codec does not log.
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
            "org.glassfish.jersey.tracing");

    private static final Pattern URI_QUERY = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s?#\"'<>]*)\\?[^\\s\"'<>]*");

    private final List<Logger> loggers = new ArrayList<>();
    private final List<Filter> previousFilters = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();

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
    }

    /** Cuts every URI in the message and its string parameters before the query. */
    static void redactQueries(LogRecord record) {
        record.setMessage(withoutQueries(record.getMessage()));
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof CharSequence || parameters[i] instanceof java.net.URI) {
                    parameters[i] = withoutQueries(parameters[i].toString());
                }
            }
        }
    }

    static String withoutQueries(String text) {
        return text == null ? null : URI_QUERY.matcher(text).replaceAll("$1?(query not logged)");
    }
}
