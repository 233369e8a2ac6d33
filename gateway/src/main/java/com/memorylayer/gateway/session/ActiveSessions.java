package com.memorylayer.gateway.session;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.unquotedName;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionProperties;
import org.springframework.stereotype.Component;

/**
 * The sessions every gateway together holds now: Spring Session's table in Postgres ({@code
 * spring.session.jdbc.table-name}), so the count is the same on every gateway.
 */
@Component
public class ActiveSessions {

    private final DSLContext db;
    private final Table<?> sessions;
    private final Table<?> attributes;
    private final Field<Long> expiryTime = field(name("expiry_time"), Long.class);

    ActiveSessions(DSLContext db, JdbcSessionProperties properties) {
        this.db = db;
        String tableName = properties.getTableName();
        this.sessions = table(unquotedName(tableName.split("\\.")));
        this.attributes = table(unquotedName((tableName + "_attributes").split("\\.")));
    }

    /**
     * Sessions not expired yet. Spring Session stamps expiry times from the system clock, not the gateway's
     * {@code Clock}, so they are compared with that; expired rows linger until the cleanup cron deletes them.
     */
    public int count() {
        return db.fetchCount(sessions, expiryTime.gt(System.currentTimeMillis()));
    }

    /** Sessions holding an attribute whose name contains {@code fragment}: what the gateway keeps in them. */
    public long holdingAttribute(String fragment) {
        Field<String> sessionId = field(name("session_primary_id"), String.class);
        return db.select(sessionId).from(attributes)
                .join(sessions).on(sessionId.eq(field(name("primary_id"), String.class)))
                .where(field(name("attribute_name"), String.class).contains(fragment))
                .and(expiryTime.gt(System.currentTimeMillis()))
                .groupBy(sessionId).fetch().size();
    }
}
