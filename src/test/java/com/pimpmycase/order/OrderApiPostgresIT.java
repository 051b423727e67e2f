package com.pimpmycase.order;

import com.pimpmycase.testing.ServerKind;
import com.pimpmycase.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order API on PostgreSQL, bound as jdbc/pimpmycase the way a container binds it. Embedded
 * Jetty only: it is the one kind that binds a DataSource object (the real servers are configured
 * through their context files, which hold text and numbers).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = ServerKind.class, names = "EMBEDDED_JETTY")
class OrderApiPostgresIT extends OrderApiContract {

    @Override
    void bindDatabase(Map<String, Object> entries) throws Exception {
        entries.put("jdbc/pimpmycase", TestDatabases.freshPostgres("orders"));
    }
}
