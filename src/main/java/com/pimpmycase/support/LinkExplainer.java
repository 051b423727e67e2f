package com.pimpmycase.support;

import com.pimpmycase.config.TokenConfig;
import com.pimpmycase.image.ImageName;
import com.pimpmycase.image.ImageStore;
import com.pimpmycase.image.RevokedLinks;
import com.pimpmycase.image.StoredImage;
import com.pimpmycase.order.ImageOrders;
import com.pimpmycase.support.LinkExplanation.Check;
import com.pimpmycase.support.LinkExplanation.Explained;
import com.pimpmycase.support.LinkExplanation.NotALink;
import com.pimpmycase.time.Durations;
import com.pimpmycase.token.Expiry;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.PartnerPolicy;
import com.pimpmycase.token.Refusal;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says what a link gets now and why (SPEC §11 "explain"), without serving, minting or requesting
 * anything: the checks of §2/§3 in their order, each one that can be evaluated even after an
 * earlier one failed, the orders using the image, and advice a support person can paste to the
 * partner. Plain logic with a {@link Clock}; the image and order lookups are handed in.
 *
 * <p>The status and type are those of the first failing check, in the order the image path
 * applies them, so they are what a GET of the link answers. A signature is only ever described by
 * which key made it; neither a key nor a signature of ours is shown.
 */
public final class LinkExplainer {

    /** An image as explain needs it; {@code null} from {@link StoredImages#find} when not stored. */
    public record ImageFile(long bytes, String contentType) {}

    @FunctionalInterface
    public interface StoredImages {
        ImageFile find(String filename) throws IOException;
    }

    @FunctionalInterface
    public interface OrdersOfImage {
        List<String> using(String filename) throws SQLException;
    }

    private final SigningKeys keys;
    private final PartnerPolicies policies;
    private final Expiry expiry;
    /** Blocks and link revocations: one object, told apart by the revocation check. */
    private final RevokedLinks revoked;
    private final StoredImages images;
    private final OrdersOfImage orders;
    /** Path prefix and host of {@code publicBaseUrl}; {@code null}: judged from the path alone. */
    private final String basePath;
    private final String baseHost;
    private final Clock clock;

    /**
     * @param publicBaseUrl the configured base (may have a path prefix), or {@code null}: then a
     *     link of any host is judged by its path under the context path alone
     */
    /** An image is normally one order's; explain names at most this many. */
    private static final int EXPLAINED_ORDERS = 20;

    /** The service's explainer: the configured keys and policies, the image store, the orders' table. */
    public static LinkExplainer of(TokenConfig tokens, ImageOrders orders, ImageStore images, RevokedLinks revoked,
            String publicBaseUrl, Clock clock) {
        return new LinkExplainer(tokens.signingKeys(), tokens.partnerPolicies(), tokens.clockLeeway(), revoked,
                filename -> {
                    StoredImage image = images.find(filename);
                    return image == null ? null : new ImageFile(image.length(), image.type().mediaType());
                }, filename -> orders.using(filename, EXPLAINED_ORDERS), publicBaseUrl, clock);
    }

    public LinkExplainer(SigningKeys keys, PartnerPolicies policies, Duration leeway, RevokedLinks revoked,
            StoredImages images, OrdersOfImage orders, String publicBaseUrl, Clock clock) {
        this.keys = keys;
        this.policies = policies;
        this.expiry = new Expiry(leeway);
        this.revoked = revoked;
        this.images = images;
        this.orders = orders;
        if (publicBaseUrl == null) {
            this.basePath = null;
            this.baseHost = null;
        } else {
            URI base = URI.create(publicBaseUrl);
            String path = base.getRawPath() == null ? "" : base.getRawPath();
            this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            this.baseHost = base.getHost();
        }
        this.clock = clock;
    }

    /**
     * @param url the link as the partner sent it
     * @param contextPath where this service is deployed ({@code ""} at the root): the base's path
     *     when no {@code publicBaseUrl} is configured
     */
    public LinkExplanation explain(String url, String contextPath) throws IOException, SQLException {
        LinkUrl link;
        try {
            link = LinkUrl.read(url, basePath != null ? basePath : contextPath);
        } catch (LinkUrl.NotALinkException e) {
            return new NotALink(e.getMessage());
        }
        Explained explained = new Evaluation(link.filename(), link.tokens(), link.preview()).run();
        if (baseHost != null && !baseHost.equalsIgnoreCase(link.host())) {
            explained = new Explained(explained.status(), explained.type(), explained.filename(), explained.checks(),
                    explained.orders(), explained.advice() + " Note: the link names the host " + link.host()
                            + "; this service's links use " + baseHost + ".");
        }
        return explained;
    }

    /** One explanation: the checks in order, the first failure deciding status and type. */
    private final class Evaluation {
        private final String filename;
        private final List<String> tokens;
        private final boolean preview;
        private final long now = Expiry.nowSeconds(clock);
        private final List<Check> checks = new ArrayList<>();
        private int status = 200;
        private String type;
        private Outcome outcome = Outcome.WORKS;
        private Token token;
        private PartnerPolicy policy;
        private List<String> thirdIds = List.of();

        Evaluation(String filename, List<String> tokens, boolean preview) {
            this.filename = filename;
            this.tokens = tokens;
            this.preview = preview;
        }

        Explained run() throws IOException, SQLException {
            boolean nameOk = ImageName.isValid(filename);
            check("filename", nameOk, nameOk ? filename : "'" + clip(filename) + "' is not an image name: 1-"
                    + ImageName.MAX_LENGTH + " characters of A-Z a-z 0-9 . _ - starting with a letter or digit",
                    Outcome.BAD_NAME, 400, null);
            if (nameOk) {
                thirdIds = orders.using(filename);
            }
            tokenFormat();
            if (token != null) {
                partnerType();
                if (nameOk && signature()) {
                    revocation();
                }
                expiry();
                if (policy != null) {
                    lifetime();
                }
            }
            if (nameOk) {
                ImageFile image = images.find(filename);
                check("image", image != null, image != null
                        ? "stored, " + image.bytes() + " bytes, " + image.contentType()
                        : "no image called " + filename + " is stored", Outcome.NO_IMAGE, 404, null);
            }
            return new Explained(status, type, filename.isEmpty() ? null : filename, List.copyOf(checks), thirdIds,
                    advice());
        }

        private Check check(String name) {
            return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }

        /** Records a check; the first that fails decides what the link gets. */
        private void check(String name, boolean ok, String detail, Outcome ifFailed, int failedStatus, String failedType) {
            checks.add(new Check(name, ok, detail));
            if (!ok && outcome == Outcome.WORKS) {
                outcome = ifFailed;
                status = failedStatus;
                type = failedType;
            }
        }

        private void tokenFormat() {
            String malformed = Refusal.MALFORMED.type();
            if (tokens.isEmpty()) {
                check("token_format", false, "the link has no token parameter", Outcome.NO_TOKEN, 422, "missing");
            } else if (tokens.size() > 1) {
                check("token_format", false, "the link has " + tokens.size()
                        + " token parameters; exactly one is accepted", Outcome.MALFORMED, 422, malformed);
            } else {
                token = Token.parse(tokens.get(0));
                check("token_format", token != null, token != null ? "<expiry>:<partner_type>:<signature>, well-formed"
                        : TokenDiagnosis.of(tokens.get(0)), Outcome.MALFORMED, 422, malformed);
            }
        }

        private void partnerType() {
            policy = policies.find(token.partnerType());
            check("partner_type", policy != null, policy != null
                    ? policy.type() + ": links last " + Durations.policy(policy.defaultLifetime()) + " by default, at most "
                            + Durations.policy(policy.maxLifetime())
                    : "'" + token.partnerType() + "' is not a configured partner type (configured: "
                            + String.join(", ", policies.types()) + ")",
                    Outcome.UNKNOWN_PARTNER, 422, Refusal.PARTNER_TYPE_UNKNOWN.type());
        }

        /** @return whether the signature is genuine (only then can a link be revoked, SPEC §2) */
        private boolean signature() {
            int key = keys.signedBy(filename, token);
            check("signature", key >= 0, key == 0 ? "active key" : key > 0 ? "retired key " + key : "no configured key",
                    Outcome.BAD_SIGNATURE, 422, Refusal.SIGNATURE_INVALID.type());
            return key >= 0;
        }

        /**
         * An image block refuses every link to the image; a link revocation only while the link
         * has not expired (after that it is plainly expired, SPEC §10).
         */
        private void revocation() {
            boolean blocked = revoked.isBlocked(filename);
            boolean linkRevoked = !blocked && !expiry.isExpired(token, now) && revoked.isRevoked(filename, token);
            check("revocation", !blocked && !linkRevoked, blocked ? "the image " + filename
                    + " is blocked: every link to it is refused" : linkRevoked ? "this link is revoked" : "not revoked",
                    blocked ? Outcome.BLOCKED : Outcome.REVOKED, 422, "token_revoked");
        }

        private void expiry() {
            long exp = token.expiresAt();
            boolean ok = !expiry.isExpired(exp, now);
            String when = Instant.ofEpochSecond(exp) + ", " + (exp >= now
                    ? "in " + Durations.text(Duration.ofSeconds(exp - now))
                    : Durations.text(Duration.ofSeconds(now - exp)) + " ago");
            if (ok && exp < now) {
                when += " (still accepted within the clock leeway of " + expiry.leewaySeconds() + " s)";
            }
            check("expiry", ok, when, Outcome.EXPIRED, 422, Refusal.EXPIRED.type());
        }

        private void lifetime() {
            long left = token.expiresAt() - now;
            boolean ok = !expiry.exceedsLifetime(token, policy.maxLifetime(), now);
            String max = Durations.policy(policy.maxLifetime());
            check("lifetime", ok, ok
                    ? "within the " + max + " maximum of " + policy.type()
                    : "valid for " + Durations.text(Duration.ofSeconds(left)) + " more, but " + policy.type()
                            + " links may be valid for at most " + max + " from now",
                    Outcome.TOO_LONG, 422, Refusal.LIFETIME_EXCEEDS_POLICY.type());
        }

        private String advice() {
            String link = preview ? "preview link" : "link";
            String orderData = reRequest();
            return switch (outcome) {
                case WORKS -> "This " + link + " works: it opens " + filename + " until "
                        + Instant.ofEpochSecond(token.expiresAt()) + ". If it still fails for you, send us the "
                        + "X-Request-Id header of the failing answer.";
                case BAD_NAME -> "This link does not name one of our images: the file name in it is damaged. Copy the "
                        + "whole link again, or " + orderData;
                case NO_TOKEN -> "The link has no token: it was cut off when it was copied. Use the complete link "
                        + "including ?token=…, or " + orderData;
                case MALFORMED -> "The token in the link is damaged (" + check("token_format").detail() + "). Copy the "
                        + "link whole, without spaces or line breaks, or " + orderData;
                case UNKNOWN_PARTNER -> "This link was not issued for a partner this service knows. " + capital(orderData);
                case BAD_SIGNATURE -> "The token does not belong to " + filename + ": the link was altered, its token "
                        + "was copied onto another image's link, or it was signed with a key that has since been "
                        + "retired. " + capital(orderData);
                case REVOKED -> "This link has been revoked and will not work again. " + capital(orderData);
                case BLOCKED -> "The image " + filename + " is blocked by PimpMyCase: no link to it works until the "
                        + "block is lifted. Do not produce " + ordersText("this design") + " and contact PimpMyCase "
                        + "support.";
                case EXPIRED -> "The " + link + " expired at " + Instant.ofEpochSecond(token.expiresAt()) + " ("
                        + Durations.text(Duration.ofSeconds(Math.max(0, now - token.expiresAt()))) + " ago). "
                        + forExpired();
                case TOO_LONG -> "The link is valid for longer than " + token.partnerType() + " links may be now (at "
                        + "most " + Durations.policy(policy.maxLifetime()) + "): the policy was shortened after it "
                        + "was issued. " + capital(orderData);
                case NO_IMAGE -> "The link is genuine, but the image " + filename + " is no longer stored. PimpMyCase "
                        + "has to upload the design again for " + ordersText("the order") + "; a new link will not "
                        + "help until then.";
            };
        }

        /** How a new link of this partner type is had. */
        private String forExpired() {
            if (PartnerPolicies.CHINESE_MANUFACTURING.equals(token.partnerType())) {
                return capital(reRequest());
            }
            if (PartnerPolicies.END_USER.equals(token.partnerType())) {
                return "Customer links are short-lived (" + (policy == null ? "" : Durations.policy(policy.defaultLifetime())) + " by default): ask the shop for a new link.";
            }
            return "Ask PimpMyCase for a new link (POST /api/images/generate-secure-url).";
        }

        /** "re-request the order data for order X (GET …): it carries a fresh link" */
        private String reRequest() {
            if (thirdIds.isEmpty()) {
                return "re-request the order data of your order (GET /api/chinese/order/orderData?third_id=<order>): "
                        + "it carries a fresh link.";
            }
            return "re-request the order data for " + ordersText(null) + " (GET /api/chinese/order/orderData?third_id="
                    + thirdIds.get(0) + "): it carries a fresh " + manufacturingLifetime() + "link.";
        }

        private String manufacturingLifetime() {
            PartnerPolicy manufacturing = policies.find(PartnerPolicies.CHINESE_MANUFACTURING);
            return manufacturing == null ? "" : Durations.policy(manufacturing.defaultLifetime()) + " ";
        }

        /** "order A" or "orders A, B"; {@code none} when no order uses the image. */
        private String ordersText(String none) {
            if (thirdIds.isEmpty()) {
                return none;
            }
            return (thirdIds.size() == 1 ? "order " : "orders ") + String.join(", ", thirdIds);
        }
    }

    /** What the link gets, by the first failing check. */
    private enum Outcome {
        WORKS, BAD_NAME, NO_TOKEN, MALFORMED, UNKNOWN_PARTNER, BAD_SIGNATURE, REVOKED, BLOCKED, EXPIRED, TOO_LONG,
        NO_IMAGE
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** A request value for a detail text: short, and only printable ASCII. */
    static String clip(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 80; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 80 ? sb + "…" : sb.toString();
    }
}
