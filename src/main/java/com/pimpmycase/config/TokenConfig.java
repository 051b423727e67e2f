package com.pimpmycase.config;

import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import java.time.Duration;

/** Signing and verifying tokens (SPEC §2): {@code signingKey}, {@code retiredSigningKeys}, {@code partnerPolicies}, {@code clockLeewaySeconds}. */
public record TokenConfig(SigningKeys signingKeys, PartnerPolicies partnerPolicies, Duration clockLeeway) {
}
