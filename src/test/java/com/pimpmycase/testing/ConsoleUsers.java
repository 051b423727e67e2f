package com.pimpmycase.testing;

/**
 * The console's test users, in every server's realm the harness sets up (embedded Jetty's login
 * service, Tomcat's tomcat-users.xml, the Jetty distribution's HashLoginService file).
 */
public final class ConsoleUsers {

    public static final String REALM = "PimpMyCase console";
    public static final String ROLE = "pimpmycase-operator";
    /** Has the operator role. */
    public static final String OPERATOR = "olga.operator";
    public static final String OPERATOR_PASSWORD = "operator-password-4c1e";
    /** Signs in fine, but lacks the operator role. */
    public static final String OUTSIDER = "sam.shop";
    public static final String OUTSIDER_PASSWORD = "outsider-password-9b2d";
    public static final String OUTSIDER_ROLE = "shop-staff";

    private ConsoleUsers() {
    }

    /** Tomcat's conf/tomcat-users.xml with both users. */
    public static String tomcatUsers() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="%s"/>
                  <role rolename="%s"/>
                  <user username="%s" password="%s" roles="%s"/>
                  <user username="%s" password="%s" roles="%s"/>
                </tomcat-users>
                """.formatted(ROLE, OUTSIDER_ROLE, OPERATOR, OPERATOR_PASSWORD, ROLE, OUTSIDER, OUTSIDER_PASSWORD,
                OUTSIDER_ROLE);
    }

    /** Jetty's HashLoginService file ({@code name: password,role…}). */
    public static String jettyUsers() {
        return OPERATOR + ": " + OPERATOR_PASSWORD + "," + ROLE + "\n"
                + OUTSIDER + ": " + OUTSIDER_PASSWORD + "," + OUTSIDER_ROLE + "\n";
    }
}
