package com.pimpmycase.manufacturer;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Where the manufacturer's login token is kept (SPEC §9): in the database, shared by every node,
 * so a node that renews it never invalidates the token the others use. One node logs in at a time:
 * the one holding the login lease; the others wait for the token it stores.
 */
public interface LoginTokens {

    /** A token and when the login that gave it started. */
    record Stored(String token, Instant obtainedAt) {
        @Override
        public String toString() {
            return "Stored[obtainedAt=" + obtainedAt + "]"; // never the token
        }
    }

    /** The stored token, or {@code null}. */
    Stored current() throws SQLException;

    /**
     * Becomes the one node that logs in until {@code until}, unless another holds an unexpired
     * lease or the stored token is no longer {@code seen} (the token read just before, {@code null}
     * for none): a login that finished in between must be used, not repeated.
     */
    boolean lease(String leaseId, Instant now, Instant until, String seen) throws SQLException;

    /** Stores the token a login under {@code leaseId} got, and gives the lease back. */
    void store(String leaseId, Stored token) throws SQLException;

    /** Gives the lease back without a token (the login failed). */
    void release(String leaseId) throws SQLException;

    /** A store in memory, for one node (tests and tools). */
    static LoginTokens inMemory() {
        return new LoginTokens() {
            private Stored stored;
            private String lease;
            private Instant leaseUntil;

            @Override
            public synchronized Stored current() {
                return stored;
            }

            @Override
            public synchronized boolean lease(String leaseId, Instant now, Instant until, String seen) {
                String current = stored == null ? null : stored.token();
                if ((lease != null && leaseUntil.isAfter(now)) || !java.util.Objects.equals(current, seen)) {
                    return false;
                }
                lease = leaseId;
                leaseUntil = until;
                return true;
            }

            @Override
            public synchronized void store(String leaseId, Stored token) {
                stored = token;
                release(leaseId);
            }

            @Override
            public synchronized void release(String leaseId) {
                if (leaseId.equals(lease)) {
                    lease = null;
                }
            }
        };
    }
}
