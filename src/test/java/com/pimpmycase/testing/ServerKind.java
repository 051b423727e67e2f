package com.pimpmycase.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every server the WAR is supported on, and the one place that knows how to deploy it there. A
 * contract runs once per kind: {@code @ParameterizedClass @EnumSource(ServerKind.class)}, with
 * {@code @BeforeParameterizedClassInvocation} deploying and {@code @AfterParameterizedClassInvocation}
 * stopping it ({@code @BeforeAll} would run once for all kinds). Surefire's reports number the
 * runs in declaration order: {@code test()[1]} embedded Jetty, {@code [2]} Tomcat 10.1,
 * {@code [3]} Tomcat 11, {@code [4]} the Jetty distribution.
 */
public enum ServerKind {

    /** Embedded Jetty 12 ee10 in the test JVM: the fast target, and the only one that binds objects. */
    EMBEDDED_JETTY("embedded Jetty") {
        @Override
        ServiceUnderTest start(Map<String, Object> entries) throws Exception {
            return DeployedWar.start(entries);
        }
    },
    /** Apache Tomcat 10.1 distribution, configured through conf/tomcat/ROOT.xml. */
    TOMCAT_10("Tomcat 10.1") {
        @Override
        ServiceUnderTest start(Map<String, Object> entries) throws Exception {
            return ExternalServer.tomcat("pimpmycase.tomcat10.home", entries, imageDirectory(entries));
        }
    },
    /** Apache Tomcat 11 distribution, configured through conf/tomcat/ROOT.xml. */
    TOMCAT_11("Tomcat 11") {
        @Override
        ServiceUnderTest start(Map<String, Object> entries) throws Exception {
            return ExternalServer.tomcat("pimpmycase.tomcat11.home", entries, imageDirectory(entries));
        }
    },
    /** The Jetty 12 distribution (jetty-home, ee10), configured through conf/jetty/pimpmycase.xml. */
    JETTY_DISTRIBUTION("Jetty distribution") {
        @Override
        ServiceUnderTest start(Map<String, Object> entries) throws Exception {
            return ExternalServer.jetty(entries, imageDirectory(entries));
        }
    };

    private final String label;

    ServerKind(String label) {
        this.label = label;
    }

    abstract ServiceUnderTest start(Map<String, Object> entries) throws Exception;

    /**
     * Deploys the packaged WAR with exactly these JNDI entries and waits until it serves. A real
     * server is configured only through its context file, which holds text and numbers: an object
     * such as a DataSource can be bound on {@link #EMBEDDED_JETTY} only.
     */
    public ServiceUnderTest deploy(Map<String, Object> entries) throws Exception {
        if (!bindsObjects()) {
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                if (!(e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean)) {
                    throw new IllegalArgumentException(label + " is configured through its context file only: "
                            + e.getKey() + " cannot be a " + e.getValue().getClass().getName());
                }
            }
        }
        return start(entries);
    }

    /** Whether any object (a DataSource) can be bound under java:comp/env, not only text and numbers. */
    public boolean bindsObjects() {
        return this == EMBEDDED_JETTY;
    }

    /**
     * Where a deployment with these entries keeps its images: the image directory entry, else
     * {@code <dataDirectory>/images}; {@code null} when neither is set (the server's default).
     */
    public static Path imageDirectory(Map<String, Object> entries) {
        Object images = entries.get("pimpmycase/imageDirectory");
        if (images != null) {
            return Path.of(images.toString());
        }
        Object data = entries.get("pimpmycase/dataDirectory");
        return data == null ? null : Path.of(data.toString(), "images");
    }

    @Override
    public String toString() {
        return label;
    }
}
