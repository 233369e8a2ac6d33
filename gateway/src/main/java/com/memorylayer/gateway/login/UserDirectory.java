package com.memorylayer.gateway.login;

import static com.memorylayer.schemas.jooq.control.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

    /** What a person named by an operator resolves to: one person, nobody, or several people (ambiguous). */
    public sealed interface Lookup {
        record Found(SignedInUser person) implements Lookup {
        }

        record NotFound() implements Lookup {
        }

        /** @param githubIds the GitHub ids of the people the name could mean */
        record Ambiguous(List<Long> githubIds) implements Lookup {
        }
    }

    /**
     * A person named by their numeric GitHub id (stable across renames) or by their GitHub login. A login held by more
     * than one account here (one renamed, another took the old name), or digits that are both an id and someone's
     * login, are ambiguous rather than guessed at.
     */
    public Lookup lookUp(String loginOrId) {
        List<SignedInUser> byLogin = dsl.selectFrom(USERS).where(USERS.LOGIN.eq(loginOrId)).and(USERS.LOCAL_OPERATOR.isFalse())
                .fetch(UserDirectory::toUser);
        List<SignedInUser> candidates = new ArrayList<>(byLogin);
        if (loginOrId.matches("[0-9]{1,18}")) {
            dsl.selectFrom(USERS).where(USERS.GITHUB_ID.eq(Long.parseLong(loginOrId))).fetchOptional(UserDirectory::toUser)
                    .filter(p -> candidates.stream().noneMatch(c -> c.id().equals(p.id())))
                    .ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            return new Lookup.NotFound();
        }
        if (candidates.size() > 1) {
            return new Lookup.Ambiguous(candidates.stream().map(SignedInUser::githubId).sorted().toList());
        }
        return new Lookup.Found(candidates.get(0));
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
