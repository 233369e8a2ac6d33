package com.memorylayer.gateway.operator;

import static com.memorylayer.schemas.jooq.control.Tables.LOCAL_SIGN_IN_LINKS;
import static com.memorylayer.schemas.jooq.control.Tables.WORKSPACES;

import com.memorylayer.gateway.access.MemberRole;
import com.memorylayer.gateway.login.LoopbackBinding;
import com.memorylayer.gateway.login.SignedInUser;
import com.memorylayer.gateway.login.UserDirectory;
import com.memorylayer.gateway.members.MemberDirectory;
import com.memorylayer.gateway.tenant.Workspace;
import com.memorylayer.web.digest.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;

/**
 * One-time sign-in links for the dev launcher's local operator, so that someone who just ran {@code ./memorylayer
 * up} without a GitHub app can open the dashboard at once. The operator owns the workspace the link is for. A link
 * is 256 random bits (only their SHA-256 is stored), opens once, expires after minutes, and neither issues nor
 * opens on a gateway that other machines can reach.
 */
@Service
public class LocalOperatorLinks {

    /** The path a link opens; the secret follows it. */
    public static final String PATH = "/login/local/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSLContext dsl;
    private final UserDirectory users;
    private final MemberDirectory members;
    private final LoopbackBinding binding;
    private final LocalOperatorProperties properties;
    private final Clock clock;

    LocalOperatorLinks(DSLContext dsl, UserDirectory users, MemberDirectory members, LoopbackBinding binding,
            LocalOperatorProperties properties, Clock clock) {
        this.dsl = dsl;
        this.users = users;
        this.members = members;
        this.binding = binding;
        this.properties = properties;
        this.clock = clock;
    }

    /** The operator a redeemed link signs in, and the workspace it opens with their role there. */
    public record Redeemed(SignedInUser operator, Workspace workspace, MemberRole role) {
    }

    /**
     * A link that signs the local operator in to {@code workspace}. The operator becomes its owner when the
     * workspace has none (the bootstrap workspace, which the launcher made); a workspace whose owners removed the
     * operator gets no link, so a restart never takes back what a person took away.
     *
     * @return the link's path, {@link #PATH} and its secret; empty when the operator is no member of the workspace
     * @throws IllegalStateException on a gateway reachable from other machines
     */
    public Optional<String> issue(Workspace workspace) {
        if (!binding.isLoopback()) {
            throw new IllegalStateException("a local sign-in link is only issued by a gateway that listens on loopback only");
        }
        SignedInUser operator = users.localOperator();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        boolean issued = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            // Locks the workspace's row, so two starts cannot both see it without an owner.
            tx.selectFrom(WORKSPACES).where(WORKSPACES.ID.eq(workspace.id())).forUpdate().fetch();
            if (!members.hasOwner(tx, workspace.id())) {
                members.add(tx, workspace.id(), operator.id(), MemberRole.OWNER);
            }
            if (members.role(tx, workspace.id(), operator.id()).isEmpty()) {
                return false;
            }
            tx.insertInto(LOCAL_SIGN_IN_LINKS)
                    .set(LOCAL_SIGN_IN_LINKS.TOKEN_HASH, hash(token))
                    .set(LOCAL_SIGN_IN_LINKS.USER_ID, operator.id())
                    .set(LOCAL_SIGN_IN_LINKS.WORKSPACE_ID, workspace.id())
                    .set(LOCAL_SIGN_IN_LINKS.EXPIRES_AT, now().plus(properties.linkLifetime()))
                    .execute();
            return true;
        });
        return issued ? Optional.of(PATH + token) : Optional.empty();
    }

    /**
     * Spends a link: marks it used and answers who it signs in, or empty when it is unknown, used, expired, or
     * this gateway is reachable from other machines (then the link is left as it was).
     */
    public Optional<Redeemed> redeem(String token) {
        if (!binding.isLoopback() || token == null || token.isBlank()) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        // One statement, so two browsers opening the same link cannot both get in.
        var spent = dsl.update(LOCAL_SIGN_IN_LINKS).set(LOCAL_SIGN_IN_LINKS.USED_AT, now)
                .where(LOCAL_SIGN_IN_LINKS.TOKEN_HASH.eq(hash(token)))
                .and(LOCAL_SIGN_IN_LINKS.USED_AT.isNull())
                .and(LOCAL_SIGN_IN_LINKS.EXPIRES_AT.gt(now))
                .returning(LOCAL_SIGN_IN_LINKS.USER_ID, LOCAL_SIGN_IN_LINKS.WORKSPACE_ID)
                .fetchOptional();
        return spent.flatMap(link -> users.find(link.getUserId()).flatMap(operator ->
                members.membershipById(link.getWorkspaceId(), operator.id())
                        .map(m -> new Redeemed(operator, m.workspace(), m.role()))));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static byte[] hash(String token) {
        return Sha256.of(token);
    }
}
