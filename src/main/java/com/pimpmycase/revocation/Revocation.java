package com.pimpmycase.revocation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One revocation as stored (SPEC §10).
 *
 * @param partnerType the token's, {@code null} for an image block
 * @param expiresAt the token's exp (Unix seconds), {@code null} for an image block
 * @param tokenDigest {@link LinkDigest} of the token, {@code ""} for an image block; never shown
 * @param createdByStaff whether an administrator made it (an admin API client or a console
 *        operator): a shop is then not told who, nor why
 */
public record Revocation(long id, RevocationScope scope, String filename, String partnerType, Long expiresAt,
        String reason, Instant createdAt, String createdBy, String tokenDigest, boolean createdByStaff) {

    /** What a shop reads as {@code created_by} of an administrator's revocation (SPEC §11). */
    public static final String ADMINISTRATOR = "administrator";

    /** The API's object: {@code id, scope, filename, partner_type, expires_at, reason, created_at, created_by}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("scope", scope.wireName());
        json.put("filename", filename);
        json.put("partner_type", partnerType);
        json.put("expires_at", expiresAt);
        json.put("reason", reason);
        json.put("created_at", createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("created_by", createdBy);
        return json;
    }

    /**
     * {@link #toJson()} as {@code reader} may read it: to a shop, an administrator's revocation has
     * {@code created_by} {@value #ADMINISTRATOR} and {@code reason} {@code null} (SPEC §11).
     *
     * @param readerIsStaff whether the reader is an administrator (who may list every revocation anyway)
     */
    public Map<String, Object> toJsonFor(boolean readerIsStaff) {
        Map<String, Object> json = toJson();
        if (createdByStaff && !readerIsStaff) {
            json.put("reason", null);
            json.put("created_by", ADMINISTRATOR);
        }
        return json;
    }
}
