package com.pimpmycase.order;

import com.pimpmycase.testing.TestDatabases;
import java.util.Map;

/** The order API on PostgreSQL, bound as jdbc/pimpmycase the way a container binds it. */
class OrderApiPostgresIT extends OrderApiContract {

    @Override
    void bindDatabase(Map<String, Object> entries) throws Exception {
        entries.put("jdbc/pimpmycase", TestDatabases.freshPostgres("orders"));
    }
}
