package com.pimpmycase.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The one home of the column conversions every table shares: an {@link Instant} is written to and
 * read from {@code TIMESTAMP WITH TIME ZONE} as an {@link OffsetDateTime} in UTC, the same on H2
 * and PostgreSQL, whatever the JVM's time zone (Jdbi's default goes through
 * {@code java.sql.Timestamp}, which uses it).
 */
public final class SqlMapping {

    private SqlMapping() {
    }

    /** A Jdbi over {@code dataSource} with these conversions: {@link Database#jdbi()}, and tests over their own pools. */
    public static Jdbi jdbi(DataSource dataSource) {
        return configure(Jdbi.create(dataSource));
    }

    static Jdbi configure(Jdbi jdbi) {
        jdbi.registerArgument(new InstantArgument());
        jdbi.registerColumnMapper(Instant.class,
                (rs, column, context) -> toInstant(rs.getObject(column, OffsetDateTime.class)));
        return jdbi;
    }

    private static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** A Jdbi on one connection, for code still on plain JDBC: closing its handle leaves the connection open. */
    public static Jdbi jdbi(Connection connection) {
        return configure(Jdbi.create(connection));
    }

    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {
        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, context) ->
                    statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
