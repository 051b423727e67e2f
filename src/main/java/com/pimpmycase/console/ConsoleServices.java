package com.pimpmycase.console;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the console asks of the other features (delivery, revocations, support). Each method is
 * the console's side of one API operation and must run through the same code as that operation
 * (same rules, same events), with {@code operator} as {@code created_by}.
 *
 * <p>A database failure is thrown as {@link SQLException}: the console shows its "try again" page.
 *
 * <p>{@link #NOT_YET} answers {@link NotAvailable} everywhere: the console shows "not available
 * yet" until the composition root wires a method to its feature, one line per method.
 */
public interface ConsoleServices {

    /** Every feature missing: the console says so on the page. */
    ConsoleServices NOT_YET = new ConsoleServices() {
    };

    /** SPEC §9's manual retry of an order's delivery; returns what happened, for the page. */
    default String retryDelivery(String thirdId, String operator) throws SQLException {
        throw new NotAvailable("Retrying a delivery");
    }

    /** SPEC §10: revokes one link to {@code filename}; a refused token throws {@link Refused} with its type. */
    default String revokeLink(String filename, String token, String reason, String operator) throws SQLException {
        throw new NotAvailable("Revoking a link");
    }

    /** SPEC §10: blocks every link to the image. */
    default String block(String filename, String reason, String operator) throws SQLException {
        throw new NotAvailable("Blocking an image");
    }

    /** SPEC §10: lifts the image's block. */
    default String unblock(String filename, String operator) throws SQLException {
        throw new NotAvailable("Unblocking an image");
    }

    /** SPEC §11's explain of a pasted link; {@code base} is the service's public base URL. */
    default Explanation explain(String url, String base) throws SQLException {
        throw new NotAvailable("The link check");
    }

    /** SPEC §11's downloads of an image: partner type → count, first and last. */
    default Map<String, Downloads> downloads(String filename) throws SQLException {
        throw new NotAvailable("Download counts");
    }

    /** SPEC §9: the delivery backlog now (across all nodes). */
    default Backlog backlog() throws SQLException {
        throw new NotAvailable("The delivery backlog");
    }

    /** A feature this build does not wire to the console yet. */
    final class NotAvailable extends RuntimeException {
        public NotAvailable(String what) {
            super(what + ": not available yet in this build.", null, false, false);
        }
    }

    /** The API would refuse the action with {@code status} (a 4xx): the message says why, in the API's words. */
    final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** SPEC §11: downloads of one image by one partner type. */
    record Downloads(long count, Instant firstAt, Instant lastAt) {}

    /** SPEC §11's explain answer. */
    record Explanation(int status, String type, String filename, List<Check> checks, List<String> orders,
            String advice) {}

    /** One check of an explanation, in §2/§3 order. */
    record Check(String name, boolean ok, String detail) {}

    /** Deliveries waiting now and failed ones (SPEC §9 states). */
    /** {@code problem}: the manufacturer's last {@code config} answer of the last 15 minutes, else {@code null}. */
    record Backlog(long pending, long failed, long oldestPendingSeconds, String problem) {}
}
