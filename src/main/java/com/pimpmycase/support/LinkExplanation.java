package com.pimpmycase.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@link LinkExplainer} says about a link: the body of {@code POST /api/support/explain}
 * (SPEC §11), or why the URL is not a link of this service at all.
 */
public sealed interface LinkExplanation {

    /** The URL is not an {@code /image/…} or {@code /preview/…} link under the service's base: 422 {@code url_invalid}. */
    record NotALink(String why) implements LinkExplanation {}

    /**
     * @param status what a GET of the link would answer now
     * @param type the 422 body's {@code type}, else {@code null}
     * @param filename the file the link names (as decoded from its path), {@code null} for none
     * @param checks the checks of SPEC §2/§3 in their order, each one that could be evaluated
     * @param orders the {@code third_id}s of the orders using that image
     * @param advice what the partner should do, in words support can paste
     */
    @JsonPropertyOrder({"status", "type", "filename", "checks", "orders", "advice"})
    record Explained(
            @JsonProperty("status") int status,
            @JsonProperty("type") @JsonInclude(JsonInclude.Include.ALWAYS) String type,
            @JsonProperty("filename") @JsonInclude(JsonInclude.Include.ALWAYS) String filename,
            @JsonProperty("checks") List<Check> checks,
            @JsonProperty("orders") List<String> orders,
            @JsonProperty("advice") String advice) implements LinkExplanation {

        /** The check called {@code name}, or {@code null} when it was not evaluated. */
        public Check check(String name) {
            return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** One check: {@code filename}, {@code token_format}, {@code partner_type}, {@code signature}, … */
    @JsonPropertyOrder({"name", "ok", "detail"})
    record Check(
            @JsonProperty("name") String name,
            @JsonProperty("ok") boolean ok,
            @JsonProperty("detail") String detail) {}
}
