package com.pimpmycase.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.pimpmycase.api.ApiException;
import com.pimpmycase.api.ApiResponses;
import com.pimpmycase.api.JsonBodies;
import com.pimpmycase.api.Validator;
import com.pimpmycase.auth.ApiRole;
import com.pimpmycase.web.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /api/support/explain} (SPEC §11, admin): {@code {"url": …}} → what that link gets
 * now and why ({@link LinkExplainer}). Any {@code /image/} or {@code /preview/} link is 200 with
 * the explanation, whatever the link itself gets; any other URL is 422 {@code url_invalid}.
 */
@Path("support/explain")
public final class ExplainResource {

    /** A signature-sized run of hex digits, shortened wherever a URL is echoed back. */
    private static final Pattern SIGNATURE = Pattern.compile("([0-9a-fA-F]{8})[0-9a-fA-F]{56}");

    private final LinkExplainer explainer;

    public ExplainResource(LinkExplainer explainer) {
        this.explainer = explainer;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(ApiRole.ADMIN_NAME)
    public Response explain(InputStream body, @Context HttpServletRequest request) throws IOException, SQLException {
        JsonNode json = JsonBodies.object(body);
        Validator v = Validator.body();
        String url = v.string(json, "url");
        v.throwIfInvalid();
        LinkExplanation explanation = explainer.explain(url, request.getContextPath());
        if (explanation instanceof LinkExplanation.NotALink notALink) {
            throw ApiException.unprocessable(FieldError.of("url_invalid", List.of("body", "url"), notALink.why(),
                    SIGNATURE.matcher(url).replaceAll("$1…")));
        }
        return ApiResponses.json(200, explanation);
    }
}
