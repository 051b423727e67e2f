package com.pimpmycase.simulator;

import java.net.URLClassLoader;

/**
 * Starts the manufacturer simulator inside {@code mvn jetty:run} (called from the development
 * JNDI file, src/dev/config/jetty-env.xml). This class uses the JDK only, because it is loaded by
 * the web application's class loader (the test classes are on it through the jetty plugin's
 * {@code extraClasspath}), and that loader hides Jetty's own classes from the application. So the
 * simulator is loaded again, by a loader that sees the application's classes and libraries
 * (Jackson, ManufacturerSign) with the development server's Jetty as parent.
 */
public final class DevelopmentSimulator {

    private DevelopmentSimulator() {
    }

    /**
     * @param jettyObject any object of the running Jetty (the web application context): its class
     *     loader is the development server's, which has Jetty
     */
    public static void start(Object jettyObject, int port, String account, String password, String fixedKey,
            String systemName) throws Exception {
        URLClassLoader application = (URLClassLoader) DevelopmentSimulator.class.getClassLoader();
        // Never closed: the simulator runs as long as the development server.
        @SuppressWarnings("resource")
        URLClassLoader loader = new URLClassLoader("manufacturer-simulator", application.getURLs(),
                jettyObject.getClass().getClassLoader());
        Class<?> simulator = loader.loadClass(ManufacturerSimulator.class.getName());
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(loader); // the simulator's threads get it
        try {
            simulator.getMethod("runningOn", int.class, String.class, String.class, String.class, String.class)
                    .invoke(null, port, account, password, fixedKey, systemName);
        } finally {
            current.setContextClassLoader(before);
        }
    }
}
