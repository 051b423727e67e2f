package com.pimpmycase.manufacturer;

import com.pimpmycase.config.WebhookAuth;
import com.pimpmycase.config.WebhookAuth.Mode;
import com.pimpmycase.web.Cidr;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code secret} and {@code allowlist} modes of {@code webhookAuth} (SPEC §9), which decide
 * before the body is read; {@code sign} needs the body and is checked by the servlet. Pure and
 * thread-safe, built once from the configuration. Never puts a secret, nor anything the caller
 * sent as one, into what it returns: {@link Verdict#failed()} names checks only.
 */
final class WebhookAuthenticator {

    /** What a call brings for these modes, read from the request without any container parsing. */
    record Caller(String authorization, String rawQuery, String peer, List<String> forwardedFor, boolean browser) {}

    /**
     * Whether a mode accepted the call; when not, which checks failed ({@code secret: …},
     * {@code allowlist: …}, words only) for the refused-call log line.
     */
    record Verdict(boolean accepted, List<String> failed) {}

    private final WebhookAuth auth;
    private final List<byte[]> secrets;

    WebhookAuthenticator(WebhookAuth auth) {
        this.auth = auth;
        this.secrets = auth.secrets().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether {@code sign} is one of the configured modes. */
    boolean signConfigured() {
        return auth.allows(Mode.SIGN);
    }

    /** Whether {@code sign} is the only mode (a refusal then says "invalid sign"). */
    boolean signOnly() {
        return auth.signOnlyMode();
    }

    /** The {@code secret} and {@code allowlist} modes, as configured; not accepted when neither is. */
    Verdict beforeBody(Caller caller) {
        List<String> failed = new ArrayList<>();
        boolean accepted = false;
        if (auth.allows(Mode.SECRET)) {
            String problem = secretProblem(caller);
            accepted = problem == null;
            if (problem != null) {
                failed.add("secret: " + problem);
            }
        }
        if (auth.allows(Mode.ALLOWLIST)) {
            String problem = allowlistProblem(caller);
            accepted |= problem == null;
            if (problem != null) {
                failed.add("allowlist: " + problem);
            }
        }
        return new Verdict(accepted, List.copyOf(failed));
    }

    /** {@code null} when the call carries a configured secret, else why not. */
    String secretProblem(Caller caller) {
        String bearer = bearer(caller.authorization());
        List<String> keys = queryValues(caller.rawQuery(), "key");
        if (keys.size() > 1) {
            return "?key given more than once";
        }
        String key = keys.isEmpty() ? null : keys.get(0);
        if (bearer == null && key == null) {
            return caller.authorization() == null ? "no Bearer secret and no ?key" : "Authorization is not a Bearer secret";
        }
        if (bearer != null && key != null && !MessageDigest.isEqual(utf8(bearer), utf8(key))) {
            return "the Bearer secret and ?key differ";
        }
        byte[] given = utf8(bearer != null ? bearer : key);
        boolean match = false;
        for (byte[] secret : secrets) { // every secret compared, each in constant time
            match |= MessageDigest.isEqual(secret, given);
        }
        return match ? null : (bearer != null ? "wrong Bearer secret" : "wrong ?key");
    }

    /** {@code null} when the call's source address is allowed, else why not. */
    String allowlistProblem(Caller caller) {
        if (caller.browser()) {
            return "a browser's call (Origin or Sec-Fetch-Site)";
        }
        String source = source(caller);
        if (source == null || source.isEmpty()) {
            return "no source address";
        }
        for (Cidr range : auth.allowFrom()) {
            if (range.contains(source)) {
                return null;
            }
        }
        return "source " + source + " is not in webhookAllowFrom";
    }

    /**
     * The call's source: the TCP peer; or, only when the peer is a trusted proxy, the right-most
     * {@code X-Forwarded-For} entry that is not one (as sent: text that is no address is in no range).
     * A peer that is not trusted cannot choose its address by sending the header.
     */
    String source(Caller caller) {
        String peer = caller.peer();
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String header : caller.forwardedFor()) {
            for (String entry : header.split(",")) {
                entries.add(entry.strip());
            }
        }
        String source = peer;
        for (int i = entries.size() - 1; i >= 0; i--) {
            source = entries.get(i);
            if (!trusted(source)) {
                return source; // not an address: in no range
            }
        }
        return source; // every hop a trusted proxy: the left-most one
    }

    private boolean trusted(String address) {
        for (Cidr proxy : auth.trustedProxies()) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The credentials of {@code Authorization: Bearer <secret>}, or {@code null}. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String credentials = authorization.substring(7).strip();
        return credentials.isEmpty() ? null : credentials;
    }

    /**
     * The values of {@code name} in a raw query string, %-decoded; read by hand, so the container
     * never parses (nor logs) the query.
     */
    static List<String> queryValues(String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equals(key)) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    /** Lenient %-decoding: a bad escape stays as it is (such a key matches no secret anyway). */
    private static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int hi = i + 2 < bytes.length && bytes[i] == '%' ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(bytes[i + 2], 16);
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i] == '+' ? ' ' : bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
