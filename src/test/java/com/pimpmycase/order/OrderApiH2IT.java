package com.pimpmycase.order;

import com.pimpmycase.testing.ServerKind;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order API on the embedded default (no jdbc/pimpmycase bound, H2 in the data directory). Its
 * rules do not depend on the container: they run on embedded Jetty. What does (the embedded H2
 * default on a real server, answers written with their length) runs on every server in
 * {@code RequestIdIT}, {@code WebhookServersIT} and the other {@code @EnumSource(ServerKind.class)} classes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = ServerKind.class, names = "EMBEDDED_JETTY")
class OrderApiH2IT extends OrderApiContract {

    @Override
    void bindDatabase(Map<String, Object> entries) {
        // nothing bound: the WAR uses its embedded H2 database
    }
}
