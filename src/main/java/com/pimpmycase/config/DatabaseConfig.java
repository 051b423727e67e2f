package com.pimpmycase.config;

import java.nio.file.Path;
import javax.sql.DataSource;

/** Where orders are kept (SPEC §7 {@code jdbc/pimpmycase}): the container's database, or embedded H2. */
public sealed interface DatabaseConfig {

    /** {@code jdbc/pimpmycase} as the container binds it (PostgreSQL in production); the container owns it. */
    record ContainerDataSource(DataSource dataSource) implements DatabaseConfig {}

    /** Nothing bound: an H2 file database in {@code directory} (the data directory), owned by the WAR. */
    record EmbeddedH2(Path directory) implements DatabaseConfig {}
}
