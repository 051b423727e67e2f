package com.pimpmycase.revocation;

import com.pimpmycase.token.Token;
import java.sql.SQLException;
import java.util.List;

/**
 * The one way to change revocations (the API here, the console later): each change is committed,
 * then enforced on this node before the caller answers (SPEC §10); other nodes follow within a
 * refresh of their {@link RevocationSnapshot}.
 */
public final class RevocationService {

    private final RevocationStore store;
    private final RevocationSnapshot snapshot;

    public RevocationService(RevocationStore store, RevocationSnapshot snapshot) {
        this.store = store;
        this.snapshot = snapshot;
    }

    /** Revokes one link; {@code token} has passed every check for {@code filename} but revocation. */
    public RevocationStore.Outcome revokeLink(String filename, Token token, String reason, String createdBy)
            throws SQLException {
        return enforced(store.revokeLink(filename, token, reason, createdBy));
    }

    /** Blocks every link to {@code filename}. */
    public RevocationStore.Outcome blockImage(String filename, String reason, String createdBy) throws SQLException {
        return enforced(store.blockImage(filename, reason, createdBy));
    }

    /** Lifts an active revocation; {@code null} when there is none with that id. */
    public Revocation lift(long id, String liftedBy) throws SQLException {
        Revocation lifted = store.lift(id, liftedBy);
        if (lifted != null) {
            snapshot.removed(lifted);
        }
        return lifted;
    }

    /** The active revocations of {@code filename}, or of every file when {@code null}. */
    public List<Revocation> active(String filename) throws SQLException {
        return store.active(filename);
    }

    /** This node's in-memory view, what every entry point consults. */
    public RevocationSnapshot snapshot() {
        return snapshot;
    }

    private RevocationStore.Outcome enforced(RevocationStore.Outcome outcome) {
        // Also when it already existed: another node may have made it since our last refresh.
        snapshot.added(outcome.revocation());
        return outcome;
    }
}
