package com.pimpmycase.link;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.FormBodies;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiClient;
import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.image.ImageBlocks;
import com.pimpmycase.image.ImageName;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.PartnerPolicy;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.token.Verdict;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.PublicUrls;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minting and refreshing image links on request (SPEC §4): {@code generate-secure-url} and
 * {@code refresh-token}, form-encoded, under the partner policies from JNDI. The body is read by
 * {@link FormBodies}, not Jersey's form reader (a 500 on an unknown charset, {@code null} for no body).
 */
@Path("/images")
public final class SecureLinkResource {

    /** Any larger request is simply "the maximum". */
    private static final long HOURS_CEILING = 1_000_000;

    private final ImageStore images;
    private final TokenMinter minter;
    private final TokenVerifier verifier;
    private final PublicUrls urls;
    private final ImageBlocks blocks;

    public SecureLinkResource(ImageStore images, TokenMinter minter, TokenVerifier verifier, PublicUrls urls,
            ImageBlocks blocks) {
        this.images = images;
        this.minter = minter;
        this.verifier = verifier;
        this.urls = urls;
        this.blocks = blocks;
    }

    @POST
    @Path("generate-secure-url")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ApiRole.SHOP_NAME, ApiRole.MANUFACTURER_NAME, ApiRole.ADMIN_NAME})
    public Response generate(InputStream entity, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context SecurityContext caller, @Context HttpServletRequest request) throws IOException {
        Map<String, List<String>> form = FormBodies.read(entity, contentType);
        Validator v = Validator.body();
        String filename = filename(v, form);
        String partnerType = blankAsNull(v.optional(form.get("partner_type"), "partner_type"));
        PartnerPolicy policy = policy(v, partnerType == null ? PartnerPolicies.END_USER : partnerType);
        Long hours = hours(v, form, "expiry_hours");
        v.throwIfInvalid();
        requireMayMint(caller, policy.type());
        requireImage(filename);
        requireNotBlocked(filename);

        Duration lifetime = lifetime(policy, hours);
        Token token = minter.mint(filename, policy.type(), lifetime);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("secure_url", urls.image(request, filename, token));
        body.put("filename", filename);
        body.put("partner_type", policy.type());
        body.put("expiry_hours", inHours(lifetime));
        body.put("expires_at", token.expiresAt());
        return ApiResponses.json(200, body);
    }

    @POST
    @Path("refresh-token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ApiRole.SHOP_NAME, ApiRole.MANUFACTURER_NAME, ApiRole.ADMIN_NAME})
    public Response refresh(InputStream entity, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context SecurityContext caller, @Context HttpServletRequest request) throws IOException {
        Map<String, List<String>> form = FormBodies.read(entity, contentType);
        Validator v = Validator.body();
        String filename = filename(v, form);
        String current = v.single(form.get("current_token"), "current_token");
        Long hours = hours(v, form, "additional_hours");
        v.throwIfInvalid();
        // Before the token: a blocked image gets no new link whatever the current one (SPEC §10).
        requireNotBlocked(filename);

        // An expired or revoked token is refused too: a new link comes from minting or re-requesting the order.
        Verdict verdict = verifier.verify(filename, current);
        if (verdict instanceof Verdict.Refused refused) {
            throw ApiException.unprocessable(FieldError.tokenRefused(refused.reason(), refused.expiredAt(),
                    List.of("body", "current_token"), current));
        }
        String partnerType = ((Verdict.Accepted) verdict).token().partnerType();
        requireMayMint(caller, partnerType);
        requireImage(filename);

        Duration lifetime = lifetime(minter.policy(partnerType), hours);
        Token token = minter.mint(filename, partnerType, lifetime);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("new_secure_url", urls.image(request, filename, token));
        body.put("new_token", token.text());
        body.put("filename", filename);
        body.put("additional_hours", inHours(lifetime));
        body.put("expires_at", token.expiresAt());
        return ApiResponses.json(200, body);
    }

    private static String filename(Validator v, Map<String, List<String>> form) {
        String filename = v.single(form.get("filename"), "filename");
        if (filename != null && !ImageName.isValid(filename)) {
            v.add("image_name_invalid", "filename", "filename should be a stored image's name", filename);
            return null;
        }
        return filename;
    }

    private PartnerPolicy policy(Validator v, String partnerType) {
        PartnerPolicy policy = minter.policies().find(partnerType);
        if (policy == null) {
            v.add("partner_type_unknown", "partner_type", "Partner type is not one this service knows", partnerType);
            return minter.policy(PartnerPolicies.END_USER); // placeholder; the request is refused anyway
        }
        return policy;
    }

    /** Optional whole hours ≥ 1; more than a policy allows becomes its maximum later. */
    private static Long hours(Validator v, Map<String, List<String>> form, String field) {
        String text = blankAsNull(v.optional(form.get(field), field));
        return text == null ? null : v.wholeNumber(text, field, 1, HOURS_CEILING, true);
    }

    /** The requested hours (the partner's default when not given), never more than its maximum. */
    private static Duration lifetime(PartnerPolicy policy, Long hours) {
        return policy.cap(hours == null ? policy.defaultLifetime() : Duration.ofHours(hours));
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static void requireMayMint(SecurityContext caller, String partnerType) {
        ApiClient client = (ApiClient) caller.getUserPrincipal();
        if (!LinkPermissions.mayMint(client.role(), partnerType)) {
            throw ApiException.detail(403, "Not permitted");
        }
    }

    private void requireImage(String filename) throws IOException {
        if (images.find(filename) == null) {
            throw ApiException.detail(404, "Image not found");
        }
    }

    private void requireNotBlocked(String filename) {
        if (blocks.isBlocked(filename)) {
            throw ApiException.detail(409, "Image " + filename + " is blocked");
        }
    }

    /** Whole hours as an integer; a policy in minutes gives a fraction such as 0.5. */
    private static Number inHours(Duration lifetime) {
        long seconds = lifetime.toSeconds();
        return seconds % 3600 == 0 ? (Number) (seconds / 3600) : (Number) (seconds / 3600.0);
    }
}
