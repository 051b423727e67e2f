package com.pimpmycase.order;

import com.pimpmycase.testing.ServerKind;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The order API on the embedded default (no jdbc/pimpmycase bound, H2 in the data directory), on every server. */
@ParameterizedClass(name = "{0}")
@EnumSource(ServerKind.class)
class OrderApiH2IT extends OrderApiContract {

    @Override
    void bindDatabase(Map<String, Object> entries) {
        // nothing bound: the WAR uses its embedded H2 database
    }
}
