package com.pimpmycase.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Delivery to the manufacturer's API (SPEC §7 {@code pimpmycase/manufacturer/*}, §9). Absent
 * ({@code ServiceConfig.manufacturer() == null}) when {@code baseUrl} is empty: delivery is off.
 */
public record ManufacturerConfig(
        URI baseUrl,
        String account,
        String password,
        String fixedKey,
        String systemName,
        String reqSource,
        DeliverOn deliverOn,
        PaymentFlow paymentFlow,
        int payType,
        Duration payStatusSettle,
        Duration loginRenewAfter,
        AnswerMessages messages,
        WebhookAuth webhookAuth,
        Duration requestTimeout,
        Duration retryFirst,
        Duration retryLongest,
        Duration giveUpAfter) {

    /** When a delivery starts (§9). */
    public enum DeliverOn { SUBMIT, PAYMENT }

    /** How the payment is registered before {@code orderData} in {@code submit} mode (§9). */
    public enum PaymentFlow {
        /** Nothing: the payment is registered with the manufacturer elsewhere. */
        NONE("none"),
        /** {@code payStatus} status 3, then {@code orderData}. */
        PAY_STATUS("payStatus"),
        /** {@code payData}, {@code payStatus} with the amount, the settle wait, {@code orderData} with the payment id. */
        PAY_DATA("payData");

        private final String wireName;

        PaymentFlow(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static final int DEFAULT_PAY_TYPE = 12;
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_LOGIN_RENEW_AFTER = Duration.ofHours(1);

    /**
     * The entries of the earlier releases ({@code notifyPaid} instead of {@code paymentFlow}), with
     * §7's defaults for everything added since (tests and tools that build a configuration by hand).
     */
    public ManufacturerConfig(URI baseUrl, String account, String password, String fixedKey, String systemName,
            String reqSource, DeliverOn deliverOn, boolean notifyPaid, Duration requestTimeout, Duration retryFirst,
            Duration retryLongest, Duration giveUpAfter) {
        this(baseUrl, account, password, fixedKey, systemName, reqSource, deliverOn,
                notifyPaid ? PaymentFlow.PAY_STATUS : PaymentFlow.NONE, DEFAULT_PAY_TYPE, DEFAULT_SETTLE,
                DEFAULT_LOGIN_RENEW_AFTER, AnswerMessages.defaults(), WebhookAuth.signOnly(), requestTimeout,
                retryFirst, retryLongest, giveUpAfter);
    }

    /** The same configuration with another payment flow (tests). */
    public ManufacturerConfig withPaymentFlow(PaymentFlow flow, Duration settle) {
        return new ManufacturerConfig(baseUrl, account, password, fixedKey, systemName, reqSource, deliverOn, flow,
                payType, settle, loginRenewAfter, messages, webhookAuth, requestTimeout, retryFirst, retryLongest,
                giveUpAfter);
    }

    /** The same configuration with other answer lists and login renewal (tests). */
    public ManufacturerConfig withAnswers(AnswerMessages answers, Duration renewAfter) {
        return new ManufacturerConfig(baseUrl, account, password, fixedKey, systemName, reqSource, deliverOn,
                paymentFlow, payType, payStatusSettle, renewAfter, answers, webhookAuth, requestTimeout, retryFirst,
                retryLongest, giveUpAfter);
    }

    /** Whether {@code payStatus} (and, in the payData flow, {@code payData}) goes before each {@code orderData}. */
    public boolean registersPayment() {
        return deliverOn == DeliverOn.SUBMIT && paymentFlow != PaymentFlow.NONE;
    }

    /** Whether an order must carry {@code pay_amount} to be stored (§4). */
    public boolean requiresPayAmount() {
        return deliverOn == DeliverOn.SUBMIT && paymentFlow == PaymentFlow.PAY_DATA;
    }

    /** The configured secrets, which no message from the manufacturer may carry on (§6). */
    public List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>(List.of(password, fixedKey));
        secrets.addAll(webhookAuth.secrets());
        return secrets;
    }

    /** Never the password, the fixed key or a webhook secret: configuration records end up in log lines. */
    @Override
    public String toString() {
        return "ManufacturerConfig[baseUrl=" + baseUrl + ", account=" + account + ", systemName=" + systemName
                + ", reqSource=" + reqSource + ", deliverOn=" + deliverOn + ", paymentFlow=" + paymentFlow.wireName()
                + ", payType=" + payType + ", payStatusSettle=" + payStatusSettle + ", loginRenewAfter="
                + loginRenewAfter + ", webhookAuth=" + webhookAuth + ", requestTimeout=" + requestTimeout
                + ", retryBackoff=" + retryFirst + ".." + retryLongest + ", giveUpAfter=" + giveUpAfter + "]";
    }
}
