package com.pimpmycase.console;

import com.pimpmycase.landing.DevelopmentOperator;
import com.pimpmycase.lifecycle.Lifecycle;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.logging.Logger;

/**
 * The operator console (SPEC §12) built and registered in one place: its thumbnails (closed on
 * undeploy), the console and sign-in servlets, and the sessions' rules. The composition root only
 * hands in what the console reads and calls ({@link ConsoleParts}).
 */
public final class ConsoleModule {

    /** The servlets' names, for the root's filter mappings and request routes. */
    public static final String SERVLET = "console";
    public static final String SIGN_IN_SERVLET = "consoleSignIn";

    private static final Logger LOG = Logger.getLogger(ConsoleModule.class.getName());

    private ConsoleModule() {
    }

    /**
     * @param developmentMode whether to log the development operator's sign-in (never on a real server)
     */
    public static void start(Lifecycle lifecycle, ServletContext context, ConsoleParts parts, boolean developmentMode) {
        Thumbnails thumbnails = lifecycle.manage("thumbnails", new Thumbnails(parts.images()));
        LOG.info(() -> "Console thumbnails: PNG and JPEG read by the JDK, WebP by the WAR's TwelveMonkeys reader; "
                + "WebP in ImageIO's registry: " + (Thumbnails.registryReadsWebp() ? "yes" : "no"));
        map(context.addServlet(SERVLET, new ConsoleServlet(parts, thumbnails)), "/console/*");
        map(context.addServlet(SIGN_IN_SERVLET, new SignInServlet()), SignInServlet.SIGN_IN, SignInServlet.FAILED,
                SignInServlet.SIGNED_OUT, SignInServlet.SIGN_OUT);
        ConsoleSessions.install(context); // 5 idle minutes before sign-in, 4 KiB saved form on Jetty
        if (developmentMode) {
            LOG.info(() -> "Operator console: " + (parts.urls().hasConfiguredBase() ? parts.urls().base() : "")
                    + "/console/ — sign in as the DEVELOPMENT operator " + DevelopmentOperator.NAME + " / "
                    + DevelopmentOperator.PASSWORD + " (src/dev/config/jetty-env.xml; never on a real server)");
        }
    }

    private static void map(ServletRegistration.Dynamic registration, String... patterns) {
        if (!registration.addMapping(patterns).isEmpty()) {
            throw new IllegalStateException("a path of servlet " + registration.getName() + " is already mapped");
        }
    }
}
