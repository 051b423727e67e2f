package com.pimpmycase.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The service's version, as the build wrote it into {@code pimpmycase-version.properties}. */
public final class ServiceVersion {

    private static final String VERSION = load();

    private ServiceVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ServiceVersion.class.getResourceAsStream("/pimpmycase-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev").strip();
            return version.isEmpty() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
