package com.pimpmycase.upload;

import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.image.ImageType;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.web.FieldError;
import com.pimpmycase.web.PublicUrls;
import com.pimpmycase.web.RequestIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/** {@code POST /api/images}: a shop uploads a design and gets its customer links (SPEC §5). */
@Path("/images")
public final class ImageUploadResource {

    private static final Logger LOG = Logger.getLogger(ImageUploadResource.class.getName());
    private static final Map<String, ImageType> ACCEPTED = Map.of(
            "image/png", ImageType.PNG, "image/jpeg", ImageType.JPEG, "image/webp", ImageType.WEBP);
    /**
     * After a 413 the rest of the body is read and discarded, up to this much, so that a client
     * still sending can read the answer (a client that sent {@code Expect: 100-continue} never sends
     * the body, and a larger one has the connection closed on it instead).
     */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final ImageUploader uploader;
    private final TokenMinter minter;
    private final PublicUrls urls;

    public ImageUploadResource(ImageUploader uploader, TokenMinter minter, PublicUrls urls) {
        this.uploader = uploader;
        this.minter = minter;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ApiRole.SHOP_NAME, ApiRole.ADMIN_NAME})
    public Response upload(@QueryParam("order_id") List<String> orderIds, @Context HttpServletRequest request)
            throws IOException {
        ImageType type = ACCEPTED.get(mediaType(request.getContentType()));
        if (type == null) {
            throw ApiException.detail(415, "Unsupported Media Type: send the design as image/png, image/jpeg or image/webp");
        }
        Validator v = Validator.query();
        String given = v.optional(orderIds, "order_id");
        String orderId = given == null ? null : v.id("order_id", given);
        v.throwIfInvalid();

        long declared = request.getContentLengthLong();
        if (declared > uploader.maxBytes()) {
            throw tooLarge(request, declared); // decided from Content-Length before reading
        }
        String filename;
        try {
            filename = uploader.store(request.getInputStream(), type, orderId);
        } catch (ImageUploader.TooLargeException e) {
            throw tooLarge(request, declared);
        } catch (ImageUploader.InvalidImageException e) {
            throw ApiException.unprocessable(FieldError.of("image_invalid", List.of("body"),
                    "The body is not a valid " + type.mediaType() + " image: " + e.getMessage(), null));
        }
        String requestId = RequestIds.of(request);
        LOG.info(() -> "stored design " + filename + " request_id=" + requestId);

        Token token = minter.mint(filename, PartnerPolicies.END_USER);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", filename);
        body.put("public_url", urls.image(request, filename, token));
        body.put("preview_url", urls.preview(request, filename, token));
        body.put("expires_at", token.expiresAt());
        return ApiResponses.json(201, body);
    }

    private ApiException tooLarge(HttpServletRequest request, long declared) throws IOException {
        boolean clientWaits = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        if (!clientWaits && declared <= DRAIN_LIMIT) {
            InputStream in = request.getInputStream();
            long drained = 0;
            byte[] discard = new byte[64 * 1024];
            for (int n; drained < DRAIN_LIMIT && (n = in.read(discard)) >= 0; ) {
                drained += n;
            }
        }
        return ApiException.detail(413, "Request body too large: the limit is " + uploader.maxBytes() + " bytes");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
