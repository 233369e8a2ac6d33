package com.memorylayer.gateway.controlplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local OAuth2 authorization server standing in for GitHub, over real HTTP: the authorization endpoint checks
 * the client and redirect URI and answers with a one-time code; the token endpoint checks the client's secret
 * (HTTP Basic), the code, its redirect URI and the PKCE verifier, and issues a bearer token; the user endpoint
 * checks that token and answers in the shape of GitHub's {@code GET /user}.
 *
 * <p>Written for the tests because {@code mock-oauth2-server} 2.1.10 refuses any authorization request without
 * the {@code openid} scope, and GitHub's flow is plain OAuth2 without it.
 */
public final class LocalGitHub implements AutoCloseable {

    record Account(long id, String login) {
    }

    private record Grant(Account account, String clientId, String redirectUri, String challenge) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final ConcurrentLinkedQueue<Account> nextAccounts = new ConcurrentLinkedQueue<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Account> tokens = new ConcurrentHashMap<>();

    public LocalGitHub(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/login/oauth/authorize", this::authorize);
        server.createContext("/login/oauth/access_token", this::token);
        server.createContext("/user", this::user);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The gateway settings that point GitHub sign-in here. */
    public Map<String, String> gatewaySettings() {
        return Map.of("memorylayer.github.client-id", clientId,
                "memorylayer.github.client-secret", clientSecret,
                "memorylayer.github.authorization-uri", url("/login/oauth/authorize"),
                "memorylayer.github.token-uri", url("/login/oauth/access_token"),
                "memorylayer.github.user-info-uri", url("/user"));
    }

    /** The account the next authorization signs in as. */
    public void signInNextAs(long id, String login) {
        nextAccounts.add(new Account(id, login));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Account account = nextAccounts.poll();
        if (!clientId.equals(query.get("client_id")) || query.get("redirect_uri") == null || account == null
                || !"code".equals(query.get("response_type"))) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = random();
        codes.put(code, new Grant(account, clientId, query.get("redirect_uri"), query.get("code_challenge")));
        String location = query.get("redirect_uri") + "?code=" + code + "&state=" + encode(query.get("state"));
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(body.get("code")));
        if (!expected.equals(basic) || grant == null || !"authorization_code".equals(body.get("grant_type"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))
                || (grant.challenge() != null && !grant.challenge().equals(s256(body.get("code_verifier"))))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String token = random();
        tokens.put(token, grant.account());
        respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user\"}");
    }

    private void user(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Account account = authorization != null && authorization.startsWith("Bearer ")
                ? tokens.get(authorization.substring(7)) : null;
        if (account == null) {
            respond(exchange, 401, "{\"message\":\"Requires authentication\"}");
            return;
        }
        respond(exchange, 200, "{\"login\":\"" + account.login() + "\",\"id\":" + account.id()
                + ",\"avatar_url\":\"https://avatars.githubusercontent.com/u/" + account.id() + "\",\"name\":\"Test "
                + account.login() + "\",\"type\":\"User\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
