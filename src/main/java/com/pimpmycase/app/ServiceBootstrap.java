package com.pimpmycase.app;

import com.pimpmycase.config.ConfigurationException;
import com.pimpmycase.config.JndiSettings;
import com.pimpmycase.config.ServiceConfig;
import com.pimpmycase.config.ServiceConfigLoader;
import com.pimpmycase.db.Database;
import com.pimpmycase.landing.LandingServlet;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.Token;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the service when the container deploys the WAR. A configuration problem is thrown from
 * here, which makes Tomcat and Jetty report the deployment as failed, with the JNDI entry named.
 */
public final class ServiceBootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ServiceBootstrap.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setAttribute(LibraryLogging.class.getName(), LibraryLogging.quiet());
        ServiceConfig config;
        try {
            config = new ServiceConfigLoader(new JndiSettings()).load();
        } catch (ConfigurationException e) {
            LOG.severe("PimpMyCase image service cannot start: " + e.getMessage());
            throw e;
        }
        createDirectories(config);
        Database database;
        try {
            database = Database.open(config);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "PimpMyCase image service cannot start: the order database "
                    + "(java:comp/env/jdbc/pimpmycase, or the embedded H2 database) is unusable", e);
            throw e;
        }
        ServiceContext service = new ServiceContext(config, Clock.systemUTC(), database);
        service.imageUploader().removeAbandonedUploads();
        event.getServletContext().setAttribute(ServiceContext.ATTRIBUTE, service);
        LOG.info(() -> "PimpMyCase image service started: images in " + config.imageDirectory()
                + ", partner policies " + config.partnerPolicies()
                + ", " + config.signingKeys().retiredCount() + " retired key(s)"
                + ", clock leeway " + config.clockLeeway().toSeconds() + "s"
                + ", " + config.apiClients().size() + " API client(s)"
                + ", uploads up to " + config.maxUploadBytes() + " bytes"
                + ", orders in " + database.description()
                + ", public base URL " + (config.publicBaseUrl() == null ? "from each request" : config.publicBaseUrl())
                + (config.developmentMode() ? ", DEVELOPMENT MODE" : ""));
        if (config.developmentMode() && config.publicBaseUrl() != null) {
            printSampleLinks(service);
        }
    }

    /** The development server prints working links to its sample design, valid for an hour. */
    private static void printSampleLinks(ServiceContext service) {
        String name = LandingServlet.SAMPLE_IMAGE;
        Token token = service.minter().mint(name, PartnerPolicies.END_USER);
        String base = service.config().publicBaseUrl();
        LOG.info(() -> "Development server ready. Open " + base + "/ for every sample link, or:"
                + "\n  customer preview: " + base + "/preview/" + name + "?token=" + token.text()
                + "\n  image:            " + base + "/image/" + name + "?token=" + token.text());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ((LibraryLogging) event.getServletContext().getAttribute(LibraryLogging.class.getName())).close();
        Object service = event.getServletContext().getAttribute(ServiceContext.ATTRIBUTE);
        if (service instanceof ServiceContext started) {
            started.database().close();
        }
    }

    /** Makes the data and image directories; a failure is left to the health check to report. */
    private static void createDirectories(ServiceConfig config) {
        try {
            Files.createDirectories(config.dataDirectory());
            Files.createDirectories(config.imageDirectory());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot create the data or image directory: {0}", e.toString());
        }
    }
}
