package com.memorylayer.gateway.login;

import static com.memorylayer.schemas.jooq.control.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** The people who have signed in, keyed by their GitHub account id. */
@Repository
public class UserDirectory {

    static final String LOCAL_OPERATOR_LOGIN = "local operator";

    private final DSLContext dsl;

    public UserDirectory(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records a sign-in: creates the person on first sign-in, refreshes login, name and avatar after. */
    public SignedInUser signedIn(long githubId, String login, String name, String avatarUrl) {
        OffsetDateTime now = OffsetDateTime.now();
        Record row = dsl.insertInto(USERS)
                .set(USERS.ID, UUID.randomUUID())
                .set(USERS.GITHUB_ID, githubId)
                .set(USERS.LOGIN, login)
                .set(USERS.NAME, name)
                .set(USERS.AVATAR_URL, avatarUrl)
                .set(USERS.LAST_LOGIN_AT, now)
                .onConflict(USERS.GITHUB_ID).doUpdate()
                .set(USERS.LOGIN, login)
                .set(USERS.NAME, name)
                .set(USERS.AVATAR_URL, avatarUrl)
                .set(USERS.LAST_LOGIN_AT, now)
                .returning()
                .fetchOne();
        return toUser(row);
    }

    /**
     * The dev launcher's local operator, created on first use. Their login has a space in it, which no GitHub login
     * has, so an operator command naming a GitHub login never finds them.
     */
    public SignedInUser localOperator() {
        dsl.insertInto(USERS)
                .set(USERS.ID, UUID.randomUUID())
                .set(USERS.LOGIN, LOCAL_OPERATOR_LOGIN)
                .set(USERS.NAME, "Local operator")
                .set(USERS.LOCAL_OPERATOR, true)
                .onConflictDoNothing()
                .execute();
        return toUser(dsl.selectFrom(USERS).where(USERS.LOCAL_OPERATOR.isTrue()).fetchSingle());
    }

    /** Ends every session the person has, on every gateway, at its next request ("sign out everywhere"). */
    public void endAllSessions(UUID id, OffsetDateTime now) {
        dsl.update(USERS).set(USERS.SESSIONS_VALID_AFTER, now).where(USERS.ID.eq(id)).execute();
    }

    /** Sessions signed in before this are no longer valid; empty when the person never signed out everywhere. */
    public Optional<OffsetDateTime> sessionsValidAfter(UUID id) {
        return dsl.select(USERS.SESSIONS_VALID_AFTER).from(USERS).where(USERS.ID.eq(id))
                .fetchOptional(USERS.SESSIONS_VALID_AFTER);
    }

    public Optional<SignedInUser> find(UUID id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(UserDirectory::toUser);
    }

    /**
     * The person who last signed in with this login. Logins can be renamed and reused on GitHub, so a stale row
     * may share one; the most recent sign-in is the login's current holder.
     */
    public Optional<SignedInUser> findByLogin(String login) {
        return dsl.selectFrom(USERS).where(USERS.LOGIN.eq(login)).and(USERS.LOCAL_OPERATOR.isFalse()).orderBy(USERS.LAST_LOGIN_AT.desc().nullsLast())
                .limit(1).fetchOptional().map(UserDirectory::toUser);
    }

    static SignedInUser toUser(Record r) {
        return new SignedInUser(r.get(USERS.ID), r.get(USERS.GITHUB_ID), r.get(USERS.LOGIN), r.get(USERS.NAME),
                r.get(USERS.AVATAR_URL));
    }
}
