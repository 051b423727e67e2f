package com.pimpmycase.order;

import java.util.Map;

/** The order API on the embedded default: no jdbc/pimpmycase bound, H2 in the data directory. */
class OrderApiH2IT extends OrderApiContract {

    @Override
    void bindDatabase(Map<String, Object> entries) {
        // nothing bound: the WAR uses its embedded H2 database
    }
}
