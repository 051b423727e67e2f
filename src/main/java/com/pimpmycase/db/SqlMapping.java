package com.pimpmycase.db;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    static Jdbi configure(Jdbi jdbi) {
        jdbi.registerArgument(new InstantArgument());
        jdbi.registerColumnMapper(Instant.class, (rs, column, context) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        return jdbi;
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
