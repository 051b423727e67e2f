package com.pimpmycase.revocation;

import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.token.Verdict;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The one way to change revocations, for the API and the operator console alike: the rules of
 * SPEC §10 (which token may be revoked by whom, which image may be blocked) live here, so both
 * entry points refuse the same requests and leave the same events. Each change is committed, then
 * enforced on this node before the caller answers; other nodes follow within a refresh of their
 * {@link RevocationSnapshot}.
 */
public final class RevocationService {

    /** The longest reason, in characters (code points). */
    public static final int MAX_REASON = 200;

    private final RevocationStore store;
    private final RevocationSnapshot snapshot;
    private final TokenVerifier verifier;
    private final StoredImages images;

    /** Who asks: the name recorded as {@code created_by}, and whether it may act on any link and image. */
    public record Caller(String name, boolean admin) {}

    /** Whether an image is stored (a block needs one). */
    @FunctionalInterface
    public interface StoredImages {
        boolean exists(String filename) throws IOException;
    }

    /**
     * @param verifier the service's verifier: only its every-check-but-revocation is used here
     */
    public RevocationService(RevocationStore store, RevocationSnapshot snapshot, TokenVerifier verifier,
            StoredImages images) {
        this.store = store;
        this.snapshot = snapshot;
        this.verifier = verifier;
        this.images = images;
    }

    /** Whether {@code reason} is too long to keep (the API's {@code string_too_long}). */
    public static boolean reasonTooLong(String reason) {
        return reason != null && reason.codePointCount(0, reason.length()) > MAX_REASON;
    }

    /**
     * Revokes the link {@code filename?token=tokenText}. The token must pass every §2 check for
     * {@code filename} but revocation (a revoked link, or one to a blocked image, can still be
     * named); a caller who is not admin may revoke {@code end_user} links only.
     *
     * @return the new revocation ({@code created}), or the one already there
     */
    public RevocationStore.Outcome revokeLink(String filename, String tokenText, String reason, Caller caller)
            throws RevocationRefused, SQLException {
        checkReason(reason);
        Verdict verdict = verifier.verifyIgnoringRevocation(filename, tokenText);
        if (verdict instanceof Verdict.Refused refused) {
            throw new RevocationRefused(RevocationRefused.Why.TOKEN_REFUSED,
                    refused.reason().type() + ": " + refused.reason().message(), refused);
        }
        Token token = ((Verdict.Accepted) verdict).token();
        if (!caller.admin() && !PartnerPolicies.END_USER.equals(token.partnerType())) {
            throw refused(RevocationRefused.Why.NOT_PERMITTED, "Not permitted"); // a shop: its customers' links only
        }
        return enforced(store.revokeLink(filename, token, reason, caller.name(), caller.admin()));
    }

    /** Blocks every link to {@code filename} (admin only; the image must be stored). */
    public RevocationStore.Outcome blockImage(String filename, String reason, Caller caller)
            throws RevocationRefused, IOException, SQLException {
        checkReason(reason);
        if (!caller.admin()) {
            throw refused(RevocationRefused.Why.NOT_PERMITTED, "Not permitted");
        }
        if (!images.exists(filename)) {
            throw refused(RevocationRefused.Why.IMAGE_NOT_FOUND, "Image not found");
        }
        return blockImage(filename, reason, caller.name());
    }

    /**
     * Lifts the block of {@code filename}: the same as lifting that revocation by its id
     * ({@code DELETE /api/revocations/{id}}), for callers who know the image, not the id.
     */
    public Revocation unblockImage(String filename, Caller caller) throws RevocationRefused, SQLException {
        if (!caller.admin()) {
            throw refused(RevocationRefused.Why.NOT_PERMITTED, "Not permitted");
        }
        for (Revocation revocation : store.active(filename)) {
            if (revocation.scope() == RevocationScope.IMAGE) {
                Revocation lifted = lift(revocation.id(), caller.name());
                if (lifted != null) {
                    return lifted;
                }
            }
        }
        throw refused(RevocationRefused.Why.NOT_BLOCKED, "Image " + filename + " is not blocked");
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

    /**
     * Revokes one link as an administrator named {@code createdBy}, rules already applied:
     * {@code token} passed every check for {@code filename} but revocation.
     */
    RevocationStore.Outcome revokeLink(String filename, Token token, String reason, String createdBy)
            throws SQLException {
        return enforced(store.revokeLink(filename, token, reason, createdBy, true));
    }

    /** Blocks every link to {@code filename}, rules already applied. */
    RevocationStore.Outcome blockImage(String filename, String reason, String createdBy) throws SQLException {
        return enforced(store.blockImage(filename, reason, createdBy));
    }

    private RevocationStore.Outcome enforced(RevocationStore.Outcome outcome) {
        // Also when it already existed: another node may have made it since our last refresh.
        snapshot.added(outcome.revocation());
        return outcome;
    }

    private static void checkReason(String reason) throws RevocationRefused {
        if (reasonTooLong(reason)) {
            throw refused(RevocationRefused.Why.REASON_TOO_LONG,
                    "The reason is longer than " + MAX_REASON + " characters.");
        }
    }

    private static RevocationRefused refused(RevocationRefused.Why why, String message) {
        return new RevocationRefused(why, message, null);
    }
}
