package com.pimpmycase.support;

/**
 * Why a token text is not {@code <expiry>:<partner_type>:<signature>} (SPEC §2), in words: which
 * part is wrong, never the part itself (a signature is not repeated back).
 */
final class TokenDiagnosis {

    private TokenDiagnosis() {
    }

    static String of(String token) {
        if (token.isEmpty()) {
            return "the token is empty";
        }
        String[] parts = token.split(":", -1);
        if (parts.length != 3) {
            return "expected <expiry>:<partner_type>:<signature>, found " + parts.length + " part"
                    + (parts.length == 1 ? "" : "s");
        }
        String exp = parts[0];
        if (exp.isEmpty() || exp.length() > 12 || !exp.chars().allMatch(c -> c >= '0' && c <= '9')
                || (exp.length() > 1 && exp.charAt(0) == '0')) {
            return "the expiry must be Unix seconds: 1-12 digits, no sign, no leading zero";
        }
        String partner = parts[1];
        if (partner.isEmpty() || partner.length() > 64 || !partner.chars().allMatch(TokenDiagnosis::partnerChar)) {
            return "the partner type must be 1-64 characters of A-Z a-z 0-9 _ -";
        }
        String signature = parts[2];
        if (signature.length() != 64) {
            return "the signature has " + signature.length() + " characters, 64 are expected"
                    + (signature.length() < 64 ? " (was the link cut off?)" : "");
        }
        return "the signature must be lowercase hexadecimal digits";
    }

    private static boolean partnerChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
