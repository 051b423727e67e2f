package com.pimpmycase.landing;

/**
 * The development server's console operator (src/dev/config/jetty-env.xml): printed at start and
 * shown on the landing page in development mode only. A real server's operators come from its realm.
 */
public final class DevelopmentOperator {

    public static final String NAME = "dev-operator";
    public static final String PASSWORD = "dev-operator-password";

    private DevelopmentOperator() {
    }
}
