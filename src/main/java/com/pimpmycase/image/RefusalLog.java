package com.pimpmycase.image;

import com.pimpmycase.web.LogText;
import com.pimpmycase.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;

/**
 * The one log line written per refused image or preview request (SPEC §6): the outcome, the file
 * and at most a redacted token, never a signature or a key; with the request id, so a partner's
 * failing download can be found from the {@code X-Request-Id} it received.
 */
public final class RefusalLog {

    private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

    public void refused(HttpServletRequest request, ImageAccess.Denied denied) {
        // Method, path, name and token come from the request: escaped, or a CR/LF forges a line.
        LOG.info(() -> "refused " + LogText.escape(request.getMethod()) + " " + LogText.escape(request.getServletPath())
                + " status=" + denied.status() + " reason=" + denied.denial().type()
                + " file=" + ImageName.forLog(denied.filename())
                + (denied.tokenForLog() == null ? "" : " token=" + LogText.escape(denied.tokenForLog()))
                + " from=" + request.getRemoteAddr() + " request_id=" + RequestIds.of(request));
    }
}
