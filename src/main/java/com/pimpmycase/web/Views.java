package com.pimpmycase.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The one way the service writes HTML: a view model rendered by its template (src/main/jte),
 * precompiled at build time by jte-maven-plugin, with every value HTML-escaped by default
 * ({@link ContentType#Html}: text, attribute and script contexts each get their own escaping).
 * The WAR carries only jte's runtime; no template is compiled on a server.
 */
public final class Views {

    private static final TemplateEngine ENGINE =
            TemplateEngine.createPrecompiled(null, ContentType.Html, Views.class.getClassLoader());

    private Views() {
    }

    /** The page of {@code template} (a path under src/main/jte, e.g. {@code preview/design.jte}) for {@code model}. */
    public static String render(String template, Object model) {
        StringOutput output = new StringOutput(8192);
        ENGINE.render(template, model, output);
        return output.toString();
    }
}
