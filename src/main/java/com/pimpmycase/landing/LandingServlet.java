package com.pimpmycase.landing;

import com.pimpmycase.app.ServiceContext;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * The page at the context root. It says what the service is; on the development server
 * ({@code pimpmycase/developmentMode}) it also shows the sample design behind a working link,
 * an expired one and a tampered one, so a newcomer sees all three outcomes at once.
 */
public final class LandingServlet extends HttpServlet {

    /** The sample design the development server ships in its image directory (src/dev/images). */
    public static final String SAMPLE_IMAGE = "sample-design.png";

    private ServiceContext service;
    private TokenMinter pastMinter;

    @Override
    public void init() {
        service = ServiceContext.from(getServletContext());
        // Minting two hours in the past gives a genuine token that has already expired.
        Clock twoHoursAgo = Clock.offset(service.clock(), Duration.ofHours(-2));
        pastMinter = new TokenMinter(service.config().signingKeys(), service.config().partnerPolicies(),
                twoHoursAgo);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter out = response.getWriter();
        out.print("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>PimpMyCase image service</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
                code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px;word-break:break-all}
                li{margin:.6rem 0}
                </style>
                </head>
                <body>
                <h1>PimpMyCase image service</h1>
                <p>Design images are streamed only to holders of signed, expiring links.
                Partners fetch order data from <code>/api</code>; operators watch <code>/health</code>.</p>
                """);
        if (service.config().developmentMode()) {
            writeSampleLinks(request, out);
        }
        out.print("</body>\n</html>\n");
    }

    private void writeSampleLinks(HttpServletRequest request, PrintWriter out) {
        Token valid = service.minter().mint(SAMPLE_IMAGE, PartnerPolicies.END_USER);
        Token expired = pastMinter.mint(SAMPLE_IMAGE, PartnerPolicies.END_USER);
        String signature = valid.signature();
        char last = signature.charAt(signature.length() - 1);
        Token tampered = new Token(valid.expiresAt(), valid.partnerType(),
                signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0'));
        var urls = service.publicUrls();
        out.print("<h2>Development server: sample links</h2>\n<p>The development signing key is for "
                + "this machine only. Each link opens the sample design <code>" + SAMPLE_IMAGE + "</code>:</p>\n<ul>\n");
        link(out, "Customer preview page (end_user, valid one hour)", urls.preview(request, SAMPLE_IMAGE, valid));
        link(out, "Working link (end_user, valid one hour)", urls.image(request, SAMPLE_IMAGE, valid));
        link(out, "Expired link (422 token_expired)", urls.image(request, SAMPLE_IMAGE, expired));
        link(out, "Tampered link (422 token_signature_invalid)", urls.image(request, SAMPLE_IMAGE, tampered));
        link(out, "No token (422 missing)", urls.base(request) + "/image/" + SAMPLE_IMAGE);
        out.print("</ul>\n");
    }

    private static void link(PrintWriter out, String label, String url) {
        // URLs are built from a checked filename and token characters: nothing to escape.
        out.print("<li>" + label + ":<br><a href=\"" + url + "\"><code>" + url + "</code></a></li>\n");
    }
}
