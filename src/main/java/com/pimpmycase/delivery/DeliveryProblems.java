package com.pimpmycase.delivery;

import com.pimpmycase.manufacturer.RetryDelays;
import com.pimpmycase.manufacturer.JdbcManufacturerSession;
import com.pimpmycase.web.LogText;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The delivery is misconfigured (SPEC §9, result {@code config}: the manufacturer answers a
 * {@code configMessages} msg, e.g. {@code Data signature failed} for a wrong {@code fixedKey}).
 * Reported where an operator looks: {@code /health}'s {@code checks.delivery.problem} and the
 * console's dashboard for {@value #SHOWN_MINUTES} minutes after the last such answer, on every
 * node (kept in the database); a SEVERE log line at most once per distinct message per
 * {@value #LOG_EVERY_MINUTES} minutes on each node.
 */
public final class DeliveryProblems {

    private static final Logger LOG = Logger.getLogger(DeliveryProblems.class.getName());
    static final long SHOWN_MINUTES = 15;
    static final long LOG_EVERY_MINUTES = 5;

    private final JdbcManufacturerSession session;
    private final Clock clock;
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

    public DeliveryProblems(JdbcManufacturerSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    /** A {@code config} answer, its message already safe ({@code ManufacturerText}). */
    public void report(String message) {
        Instant now = clock.instant();
        try {
            session.reportProblem(message, now);
        } catch (SQLException e) {
            LOG.warning("cannot record the delivery problem in the database: " + e.getSQLState());
        }
        Instant last = lastLogged.get(message);
        if (last == null || !now.isBefore(last.plus(Duration.ofMinutes(LOG_EVERY_MINUTES)))) {
            lastLogged.put(message, now);
            if (lastLogged.size() > 100) {
                lastLogged.entrySet().removeIf(e -> e.getValue().isBefore(now.minus(Duration.ofMinutes(LOG_EVERY_MINUTES))));
            }
            LOG.severe("delivery to the manufacturer is misconfigured: it answers \"" + LogText.escape(message)
                    + "\" (configMessages), which means our own configuration is wrong for every order"
                    + " (pimpmycase/manufacturer/fixedKey, systemName, account or password);"
                    + " deliveries are retried and go out by themselves once it is fixed");
        }
    }

    /** The last {@code config} message of the last {@value #SHOWN_MINUTES} minutes, or {@code null}. */
    public String current() throws SQLException {
        return session.problemSince(clock.instant().minus(Duration.ofMinutes(SHOWN_MINUTES)));
    }
}
