package com.pimpmycase.app;

import com.pimpmycase.lifecycle.Lifecycle;
import com.pimpmycase.api.ApiApplication;
import com.pimpmycase.auth.ApiKeyFilter;
import com.pimpmycase.auth.ApiRequestLog;
import com.pimpmycase.config.ConfigurationException;
import com.pimpmycase.config.JndiSettings;
import com.pimpmycase.config.ServiceConfig;
import com.pimpmycase.config.ServiceConfigLoader;
import com.pimpmycase.config.TokenConfig;
import com.pimpmycase.console.ConsoleModule;
import com.pimpmycase.console.ConsoleParts;
import com.pimpmycase.download.HourlyCounts;
import com.pimpmycase.console.SignInServlet;
import com.pimpmycase.db.Database;
import com.pimpmycase.download.DownloadCounter;
import com.pimpmycase.download.DownloadModule;
import com.pimpmycase.delivery.Delivery;
import com.pimpmycase.delivery.DeliveryModule;
import com.pimpmycase.delivery.ManufacturingLinks;
import com.pimpmycase.health.HealthServlet;
import com.pimpmycase.image.ImageAccessCheck;
import com.pimpmycase.image.ImageDenial;
import com.pimpmycase.image.ImagePathGuardFilter;
import com.pimpmycase.image.ImageRefusals;
import com.pimpmycase.image.ImageServlet;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.image.ImageTokenFilter;
import com.pimpmycase.image.MappedImages;
import com.pimpmycase.image.RefusalLog;
import com.pimpmycase.landing.LandingServlet;
import com.pimpmycase.landing.SampleLinks;
import com.pimpmycase.landing.SampleOrder;
import com.pimpmycase.link.SecureLinkResource;
import com.pimpmycase.metrics.MetricsAccess;
import com.pimpmycase.metrics.MetricsServlet;
import com.pimpmycase.metrics.ServiceMetrics;
import com.pimpmycase.metrics.ServiceMetrics.Route;
import com.pimpmycase.order.ImageOrders;
import com.pimpmycase.order.OrderCursor;
import com.pimpmycase.order.OrderEvents;
import com.pimpmycase.order.OrderResource;
import com.pimpmycase.order.OrderStore;
import com.pimpmycase.preview.PreviewRefusals;
import com.pimpmycase.preview.PreviewServlet;
import com.pimpmycase.revocation.RevocationModule;
import com.pimpmycase.revocation.RevocationResource;
import com.pimpmycase.revocation.RevocationService;
import com.pimpmycase.revocation.RevocationSnapshot;
import com.pimpmycase.revocation.RevocationStore;
import com.pimpmycase.support.ExplainResource;
import com.pimpmycase.support.LinkExplainer;
import com.pimpmycase.support.OrderViewResource;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.upload.ImageUploadResource;
import com.pimpmycase.upload.ImageUploader;
import com.pimpmycase.web.ErrorPageServlet;
import com.pimpmycase.web.FrontFilter;
import com.pimpmycase.web.PublicUrls;
import com.pimpmycase.manufacturer.ManufacturerWebhookServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The composition root: the one place where every part of the service is built from
 * configuration, handed its dependencies, and registered with the container (web.xml declares
 * only this listener and the error page). Whatever is started is registered with the
 * {@link Lifecycle} and closed in reverse order when the WAR is undeployed. A configuration
 * problem is thrown from here, which makes Tomcat and Jetty report the deployment as failed, with
 * the JNDI entry named.
 */
public final class ServiceBootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ServiceBootstrap.class.getName());
    private static final String CANNOT_START = "PimpMyCase image service cannot start: ";

    // Servlet names: the path guard is mapped to every servlet but the image servlet by these.
    private static final String IMAGE = "image";
    private static final String PREVIEW = "preview";
    private static final String API = "api";
    private static final String HEALTH = "health";
    private static final String LANDING = "landing";
    private static final String ERROR = "error";
    private static final String METRICS = "metrics";
    private static final String CONSOLE = ConsoleModule.SERVLET;
    private static final String CONSOLE_SIGN_IN = ConsoleModule.SIGN_IN_SERVLET;
    private static final String PAY_STATUS_HOOK = "payStatusWebhook";
    private static final String STATUS_UPDATE_HOOK = "statusUpdateWebhook";
    /**
     * Every servlet but the image servlet: ours, and the containers' own (Tomcat and Jetty name
     * them alike). The front filter (request id, timing) and the path guard (a path the container
     * moved out of /image/ or /preview/) are mapped to these by name, so the image path pays for
     * neither.
     */
    private static final String[] NOT_IMAGE_SERVLETS =
            {PREVIEW, API, HEALTH, LANDING, ERROR, METRICS, CONSOLE, CONSOLE_SIGN_IN, PAY_STATUS_HOOK, STATUS_UPDATE_HOOK,
                "default", "jsp"};
    /** The duration histogram's route of each servlet; any other (the container's) is {@code other}. */
    private static final Map<String, Route> ROUTES = Map.of(PREVIEW, Route.PREVIEW, API, Route.API,
            HEALTH, Route.HEALTH, CONSOLE, Route.CONSOLE, CONSOLE_SIGN_IN, Route.CONSOLE,
            PAY_STATUS_HOOK, Route.API, STATUS_UPDATE_HOOK, Route.API);

    private final Lifecycle lifecycle = new Lifecycle();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            start(load(), event.getServletContext());
        } catch (RuntimeException e) {
            lifecycle.close();
            throw e;
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        lifecycle.close();
        LOG.info("PimpMyCase image service stopped");
    }

    private static ServiceConfig load() {
        try {
            return new ServiceConfigLoader(new JndiSettings()).load();
        } catch (ConfigurationException e) {
            LOG.severe(CANNOT_START + e.getMessage());
            throw e;
        }
    }

    private void start(ServiceConfig config, ServletContext context) {
        lifecycle.manage("library logging", LibraryLogging.quiet()); // restored last, on undeploy
        Clock clock = Clock.systemUTC();
        TokenConfig tokens = config.tokens();
        // The database first: the verifier enforces the revocations read from it (SPEC §10).
        Database database = lifecycle.manage("order database", openDatabase(config));
        OrderEvents events = new OrderEvents(database.jdbi(), clock);
        RevocationModule.Revocations revocation = RevocationModule.start(lifecycle, database.jdbi(), events, clock,
                tokens.clockLeeway(), config.timings());
        RevocationStore revocationStore = revocation.store();
        RevocationSnapshot revoked = revocation.snapshot();
        TokenVerifier verifier = new TokenVerifier(tokens.signingKeys(), tokens.partnerPolicies(), clock,
                tokens.clockLeeway(), revoked);
        TokenMinter minter = minterOn(tokens, clock);
        PublicUrls urls = new PublicUrls(config.web().publicBaseUrl());
        ServiceMetrics metrics = lifecycle.manage("metrics", new ServiceMetrics(
                Arrays.stream(ImageDenial.values()).filter(d -> d.status() == 422).map(ImageDenial::type).toList(),
                tokens.partnerPolicies().types()));

        // Images and previews (SPEC §3, §5)
        Path imageDirectory = config.images().imageDirectory();
        createDirectory(imageDirectory);
        ImageStore images = new ImageStore(imageDirectory);
        RevocationService revocations = new RevocationService(revocationStore, revoked, verifier, images::exists);
        MappedImages mappedImages = lifecycle.manage("image mappings", new MappedImages());
        ImageAccessCheck check = new ImageAccessCheck(verifier);
        RefusalLog refusalLog = new RefusalLog();
        ImageRefusals imageRefusals = new ImageRefusals(refusalLog, metrics);
        PreviewRefusals previewRefusals = new PreviewRefusals(refusalLog, metrics);
        ImageUploader uploader = new ImageUploader(imageDirectory, config.images().maxUploadBytes(), clock);
        uploader.removeAbandonedUploads();

        // Before the delivery: every attempt reaches the dashboard, the last ones too (closed after it).
        DownloadModule.Downloads counted = DownloadModule.start(lifecycle, database.jdbi(), events, metrics, clock,
                config.timings());
        DownloadCounter downloads = counted.counter();
        HourlyCounts counts = counted.hourly();
        // Orders (SPEC §4) and their delivery to the manufacturer (SPEC §9): a new order's delivery
        // is recorded in its transaction; once committed, the dispatcher is woken and the order counted.
        Delivery delivery = DeliveryModule.start(lifecycle, config.manufacturer(), config.timings(), database.jdbi(),
                events, new ManufacturingLinks(minter, urls), revoked, metrics, clock);
        OrderStore orders = new OrderStore(database.jdbi(), clock, events, List.of(delivery.outbox()),
                List.of(order -> delivery.wake().run(), order -> metrics.orderStored()));
        if (database.dataSource() instanceof JdbcConnectionPool pool) {
            metrics.connectionPool("pimpmycase", pool::getActiveConnections, pool::getMaxConnections);
        } // a container's DataSource: its pool is the container's to report

        servlet(context, IMAGE, new ImageServlet(images, mappedImages, clock, metrics, downloads), "/image/*");
        filter(context, "imageToken", new ImageTokenFilter(check, imageRefusals, metrics)).addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST), true, "/image/*");
        servlet(context, PREVIEW, new PreviewServlet(check, previewRefusals, images, clock), "/preview/*");
        ApiRequestLog apiLog = new ApiRequestLog();
        lifecycle.scheduler("api-log", 1).execute(apiLog::drain); // writes what is queued on undeploy
        LinkExplainer explainer = LinkExplainer.of(tokens, new ImageOrders(database.jdbi()), images, revoked,
                config.web().publicBaseUrl(), clock);
        List<Object> apiComponents = new ArrayList<>(List.of(
                new ApiKeyFilter(config.api().clients(), apiLog),
                new OrderResource(orders, images, minter, urls, new OrderCursor(tokens.signingKeys()), revoked,
                        config.manufacturer() != null && config.manufacturer().requiresPayAmount()),
                new SecureLinkResource(images, minter, verifier, urls, revoked),
                new RevocationResource(revocations),
                new ImageUploadResource(uploader, minter, urls),
                new OrderViewResource(orders, events, images, revoked, delivery.records(), downloads),
                new ExplainResource(explainer)));
        apiComponents.addAll(delivery.apiComponents());
        context.setAttribute(ApiApplication.COMPONENTS, apiComponents);
        ServletRegistration.Dynamic api = servlet(context, API, new ServletContainer(), "/api/*");
        api.setInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS, ApiApplication.class.getName());
        api.setLoadOnStartup(1);
        // The manufacturer's webhooks at their exact paths, which win over Jersey's /api/*.
        servlet(context, PAY_STATUS_HOOK, delivery.webhooks().payStatus(), ManufacturerWebhookServlet.PAY_STATUS_PATH);
        servlet(context, STATUS_UPDATE_HOOK, delivery.webhooks().statusUpdate(),
                ManufacturerWebhookServlet.STATUS_UPDATE_PATH);
        servlet(context, HEALTH, new HealthServlet(database, imageDirectory, delivery.counts()::healthCheck), "/health");
        SampleLinks samples = config.web().developmentMode() ? SampleLinks.of(c -> minterOn(tokens, c), clock) : null;
        servlet(context, LANDING, new LandingServlet(samples, urls, delivery.records()), "");
        servlet(context, ERROR, new ErrorPageServlet(previewRefusals::containerError, SignInServlet::containerError),
                "/_error");
        // The console (SPEC §12) reaches the other features through ConsoleOperations, on the same services as
        // the API; it sees this node's revocation snapshot for "blocked".
        ConsoleModule.start(lifecycle, context, new ConsoleParts(database.jdbi(), events, images, revoked,
                delivery.records(), minter, urls, new ConsoleOperations(revocations, explainer, downloads,
                        delivery.retries(), delivery.counts()), counts), config.web().developmentMode());
        if (config.web().developmentMode()) {
            SampleOrder.store(orders);
        }
        servlet(context, METRICS, new MetricsServlet(metrics,
                new MetricsAccess(config.metrics().metricsToken(), config.api().clients().metricsKeys())), "/metrics");
        // The front filter first: a refusal of the path guard then has its request id.
        filter(context, "front", new FrontFilter((request, nanos) -> metrics.requestTook(routeOf(request), nanos)))
                .addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), true, NOT_IMAGE_SERVLETS);
        filter(context, "imagePathGuard", new ImagePathGuardFilter(imageRefusals, previewRefusals))
                .addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), true, NOT_IMAGE_SERVLETS);

        logStarted(config, database);
        if (samples != null && urls.hasConfiguredBase()) {
            samples.announce(urls);
        }
    }

    private static Route routeOf(HttpServletRequest request) {
        Route route = ROUTES.get(request.getHttpServletMapping().getServletName());
        return route == null ? Route.OTHER : route;
    }

    private static TokenMinter minterOn(TokenConfig tokens, Clock clock) {
        return new TokenMinter(tokens.signingKeys(), tokens.partnerPolicies(), clock);
    }

    private static Database openDatabase(ServiceConfig config) {
        try {
            return Database.open(config.database());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, CANNOT_START + "the order database (java:comp/env/jdbc/pimpmycase, or the "
                    + "embedded H2 database) is unusable", e);
            throw e;
        }
    }

    private static ServletRegistration.Dynamic servlet(ServletContext context, String name, Servlet servlet,
            String pattern) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        Set<String> taken = registration.addMapping(pattern);
        if (!taken.isEmpty()) {
            throw new IllegalStateException("the path " + pattern + " of servlet " + name + " is already mapped");
        }
        return registration;
    }

    private static FilterRegistration.Dynamic filter(ServletContext context, String name, Filter filter) {
        return context.addFilter(name, filter);
    }

    /** Makes the image directory; a failure is left to the health check to report. */
    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot create the image directory: {0}", e.toString());
        }
    }

    private static void logStarted(ServiceConfig config, Database database) {
        TokenConfig tokens = config.tokens();
        String base = config.web().publicBaseUrl();
        LOG.info(() -> "PimpMyCase image service started: images in " + config.images().imageDirectory()
                + ", partner policies " + tokens.partnerPolicies()
                + ", " + tokens.signingKeys().retiredCount() + " retired key(s)"
                + ", clock leeway " + tokens.clockLeeway().toSeconds() + "s"
                + ", " + config.api().clients().size() + " API client(s)"
                + ", uploads up to " + config.images().maxUploadBytes() + " bytes"
                + ", orders in " + database.description()
                + ", public base URL " + (base == null ? "from each request" : base)
                + (config.web().developmentMode() ? ", DEVELOPMENT MODE" : ""));
    }
}
