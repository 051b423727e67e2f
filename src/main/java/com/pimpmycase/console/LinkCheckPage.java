package com.pimpmycase.console;

import jakarta.servlet.http.HttpServletRequest;

/** Link check (SPEC §12): a pasted link's §11 explanation as a checklist, with the advice. */
final class LinkCheckPage {

    private LinkCheckPage() {
    }

    /** The form, with the pasted link kept, and what the check found (or why it could not run). */
    static String render(HttpServletRequest request, String url, ConsoleServices.Explanation explanation,
            String problem) {
        String context = request.getContextPath();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<h1>Link check</h1>\n<p>Paste the image or preview link a partner sent: the check says what "
                + "that link gets now and why, without opening it.</p>\n")
                .append("<form method=\"post\" action=\"").append(context).append("/console/link-check\" class=\"check\">")
                .append(Csrf.field(request.getSession()))
                .append("<label for=\"url\">Link</label>")
                .append("<textarea id=\"url\" name=\"url\" rows=\"3\" required spellcheck=\"false\">")
                .append(Html.esc(url)).append("</textarea>")
                .append("<button type=\"submit\">Check the link</button></form>\n");
        if (problem != null) {
            sb.append(PageShell.notice("problem", problem));
        }
        if (explanation == null) {
            return sb.toString();
        }
        boolean works = explanation.status() == 200;
        sb.append("<section aria-labelledby=\"verdict-h\" class=\"verdict ").append(works ? "ok" : "problem")
                .append("\"><h2 id=\"verdict-h\">").append(works ? "The link works" : "The link does not work")
                .append(": HTTP ").append(explanation.status())
                .append(explanation.type() == null ? "" : " <code>" + Html.esc(explanation.type()) + "</code>")
                .append("</h2>\n");
        if (explanation.filename() != null) {
            sb.append("<p>File <code>").append(Html.esc(explanation.filename())).append("</code></p>\n");
        }
        sb.append("<ul class=\"checklist\">\n");
        for (ConsoleServices.Check check : explanation.checks()) {
            sb.append("<li class=\"").append(check.ok() ? "pass" : "fail").append("\"><span class=\"mark\" aria-hidden=\"true\">")
                    .append(check.ok() ? "✓" : "✗").append("</span> <strong>").append(Html.esc(check.name()))
                    .append("</strong> <span class=\"visually-hidden\">").append(check.ok() ? "passed" : "failed")
                    .append("</span> ").append(Html.esc(check.detail())).append("</li>\n");
        }
        sb.append("</ul>\n<h3>Advice</h3>\n<p class=\"advice\">").append(Html.esc(explanation.advice())).append("</p>\n");
        if (!explanation.orders().isEmpty()) {
            sb.append("<h3>Orders using this image</h3>\n<ul>");
            for (String thirdId : explanation.orders()) {
                sb.append("<li><a href=\"").append(context).append("/console/orders/").append(Html.esc(Html.segment(thirdId)))
                        .append("\">").append(Html.esc(thirdId)).append("</a></li>");
            }
            sb.append("</ul>\n");
        }
        return sb.append("</section>\n").toString();
    }
}
