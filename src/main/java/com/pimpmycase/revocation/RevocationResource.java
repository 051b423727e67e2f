package com.pimpmycase.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.JsonBodies;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiClient;
import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.image.ImageName;
import com.pimpmycase.token.Verdict;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.ResponseHeaders;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /api/revocations} (SPEC §10): revoke one link or block an image, list the active ones,
 * lift one. Checks run in this order: JSON (400), fields (422), role, then the token (422 with its
 * refusal type at {@code ["body","token"]}) or the image (404). The rules themselves are
 * {@link RevocationService}'s (the console applies them too); this class maps them to HTTP.
 */
@Path("/revocations")
public final class RevocationResource {

    private static final int MAX_REASON = RevocationService.MAX_REASON;
    /** A revocation id as this service writes it; anything else is simply unknown. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private final RevocationService revocations;

    public RevocationResource(RevocationService revocations) {
        this.revocations = revocations;
    }

    /** 201 revoked or blocked now; 200 it already was (the existing revocation). */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ApiRole.SHOP_NAME, ApiRole.ADMIN_NAME})
    public Response revoke(InputStream entity, @Context SecurityContext caller) throws IOException, SQLException {
        JsonNode body = JsonBodies.object(entity);
        Validator v = Validator.body();
        String filename = v.string(body, "filename");
        if (filename != null && !ImageName.isValid(filename)) {
            v.add("image_name_invalid", "filename", "filename should be a stored image's name", filename);
        }
        String tokenText = optionalString(v, body, "token");
        String reason = optionalString(v, body, "reason");
        if (RevocationService.reasonTooLong(reason)) {
            v.add("string_too_long", "reason", "String should have at most " + MAX_REASON + " characters", reason,
                    Map.of("max_length", MAX_REASON));
        }
        v.throwIfInvalid();

        ApiClient client = (ApiClient) caller.getUserPrincipal();
        RevocationService.Caller who = new RevocationService.Caller(client.name(), client.role() == ApiRole.ADMIN);
        RevocationStore.Outcome outcome;
        try {
            outcome = tokenText == null
                    ? revocations.blockImage(filename, reason, who)
                    : revocations.revokeLink(filename, tokenText, reason, who);
        } catch (RevocationRefused refused) {
            throw answer(refused, tokenText);
        }
        // 200: the revocation already there, which may be another's: a shop is not told an
        // administrator's name or reason (SPEC §11).
        return ApiResponses.json(outcome.created() ? 201 : 200, outcome.revocation().toJsonFor(who.admin()));
    }

    /** The API's answer to a refusal of the rules (which live in {@link RevocationService}). */
    private static ApiException answer(RevocationRefused refused, String tokenText) {
        if (refused.tokenRefusal() != null) {
            Verdict.Refused token = refused.tokenRefusal();
            return ApiException.unprocessable(FieldError.tokenRefused(token.reason(), token.expiredAt(),
                    List.of("body", "token"), tokenText));
        }
        return ApiException.detail(refused.status(), refused.getMessage());
    }

    /** {@code {"revocations":[…]}}: the active ones, of one image or of all, oldest first. */
    @GET
    @RolesAllowed(ApiRole.ADMIN_NAME)
    public Response list(@QueryParam("filename") List<String> filenames) throws SQLException {
        Validator v = Validator.query();
        String filename = v.optional(filenames, "filename");
        if (filename != null && !ImageName.isValid(filename)) {
            v.add("image_name_invalid", "filename", "filename should be a stored image's name", filename);
        }
        v.throwIfInvalid();
        List<Object> listed = new ArrayList<>();
        for (Revocation revocation : revocations.active(filename)) {
            listed.add(revocation.toJson());
        }
        return ApiResponses.json(200, Map.of("revocations", listed));
    }

    /** Lifts one: 204; an id that is not an active revocation's, however written: 404. */
    @DELETE
    @Path("{id}")
    @RolesAllowed(ApiRole.ADMIN_NAME)
    public Response lift(@PathParam("id") String id, @Context SecurityContext caller) throws SQLException {
        Revocation lifted = ID.matcher(id).matches()
                ? revocations.lift(Long.parseLong(id), caller.getUserPrincipal().getName())
                : null;
        if (lifted == null) {
            throw ApiException.detail(404, "Revocation not found");
        }
        return Response.noContent()
                .header(ResponseHeaders.CACHE_CONTROL, ResponseHeaders.NO_STORE)
                .build();
    }

    /** An optional JSON string: {@code null} when absent or null; recorded as {@code string_type} otherwise. */
    private static String optionalString(Validator v, JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            v.add("string_type", field, "Input should be a valid string", value);
            return null;
        }
        return value.asText();
    }
}
