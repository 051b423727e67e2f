package com.pimpmycase.config;

import com.pimpmycase.web.Cidr;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the manufacturer's calls to our webhooks are authenticated (SPEC §9, §7
 * {@code webhookAuth}, {@code webhookSecret}, {@code webhookAllowFrom},
 * {@code webhookTrustedProxies}): a call is accepted when any listed mode accepts it.
 */
public record WebhookAuth(Set<Mode> modes, List<String> secrets, List<Cidr> allowFrom, List<Cidr> trustedProxies) {

    public enum Mode {
        /** The {@code sign} header by the manufacturer's rule, over the fields as received. */
        SIGN,
        /** {@code Authorization: Bearer <secret>} or {@code ?key=<secret>}. */
        SECRET,
        /** The source address is in {@code webhookAllowFrom}. */
        ALLOWLIST
    }

    public WebhookAuth {
        modes = Set.copyOf(modes.isEmpty() ? EnumSet.of(Mode.SIGN) : EnumSet.copyOf(modes));
        secrets = List.copyOf(secrets);
        allowFrom = List.copyOf(allowFrom);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The default: {@code sign} only. */
    public static WebhookAuth signOnly() {
        return new WebhookAuth(EnumSet.of(Mode.SIGN), List.of(), List.of(), List.of());
    }

    public boolean allows(Mode mode) {
        return modes.contains(mode);
    }

    /** Whether {@code sign} is the only mode: then a call must be read before it can be authenticated. */
    public boolean signOnlyMode() {
        return modes.equals(Set.of(Mode.SIGN));
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return modes.stream().map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                .collect(Collectors.joining(",")) + (secrets.isEmpty() ? "" : " (" + secrets.size() + " secret(s))")
                + (allowFrom.isEmpty() ? "" : " from " + allowFrom)
                + (trustedProxies.isEmpty() ? "" : " via " + trustedProxies);
    }
}
