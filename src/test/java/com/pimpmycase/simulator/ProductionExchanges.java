package com.pimpmycase.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Request and answer bodies in the exact shapes the manufacturer's production API exchanged with
 * the existing system (its request log, September–December 2025), for tests that replay them
 * through the product's client: {@code simulator.answerWith(x.path(), x.answer(), 1)} (or
 * {@link #answerOn(ManufacturerSimulator, int)}) makes the simulator answer exactly as production
 * did.
 *
 * <p>Every id, account, password, token and URL here is made up (same shape as the real ones);
 * nothing is copied from the log. Requests are written as the existing system's client wrote them
 * (Python {@code json.dumps}: {@code ", "} and {@code ": "} between items, keys in the order
 * below, prices with a decimal point, {@code 35.0}); answers as production wrote them: keys
 * {@code msg}, {@code code}, {@code data}, success {@code msg} {@code 操作成功}, errors HTTP 200 with
 * {@code code} 500 and no {@code data}. Answer white space is unknown: parse them, do not compare
 * bytes. {@code sign} values are not part of an exchange: compute them with the test's own key.
 *
 * @param name    what the exchange shows
 * @param path    the call, relative to the base URL, e.g. {@link ManufacturerSimulator#PAY_DATA}
 * @param request the request body as sent
 * @param answer  the answer body as received (HTTP 200)
 */
public record ProductionExchanges(String name, String path, String request, String answer) {

    /** A made-up login token in the shape of production's (an HS512 JWT). */
    public static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9."
            + "eyJzdWIiOiJNRUExMDAwMDAwMDAwMDciLCJpYXQiOjE3NDIwMDAwMDAsImV4cCI6MTc0MjA4NjQwMH0."
            + "bWFkZS11cCBzaWduYXR1cmUgb2YgYSBtYWRlLXVwIHRva2VuLCBmb3IgdGVzdHMgb25seTsgbm8ga2V5IHNpZ25lZCB0aGlzLiAwMTIzNDU2Nzg5";
    public static final String ACCOUNT = "acc-made-up-7";
    public static final String PASSWORD = "made-up-password-7";
    public static final String THIRD_PAY_ID = "PYEN250315123456";
    /** The manufacturer's payment id: {@code MSPY10} + yyMMdd + a 6-digit daily sequence. */
    public static final String PAYMENT_ID = "MSPY10250315000007";

    /** Login accepted: {@code data} {@code {"id","account","token"}}. */
    public static final ProductionExchanges LOGIN_OK = new ProductionExchanges("login-ok",
            ManufacturerSimulator.LOGIN,
            "{\"account\": \"" + ACCOUNT + "\", \"password\": \"" + PASSWORD + "\"}",
            "{\"msg\":\"操作成功\",\"code\":200,\"data\":{\"id\":\"MEA100000000007\",\"account\":\"" + ACCOUNT
                    + "\",\"token\":\"" + TOKEN + "\"}}");

    /** Login with an account the manufacturer does not know. */
    public static final ProductionExchanges LOGIN_MERCHANT_MISSING = new ProductionExchanges(
            "login-merchant-missing", ManufacturerSimulator.LOGIN,
            "{\"account\": \"acc-made-up-unknown\", \"password\": \"" + PASSWORD + "\"}",
            "{\"msg\":\"The merchant account does not exist\",\"code\":500}");

    /** Login signed with the wrong fixed key (production: empty credentials and key). */
    public static final ProductionExchanges LOGIN_SIGNATURE_FAILED = new ProductionExchanges(
            "login-signature-failed", ManufacturerSimulator.LOGIN,
            "{\"account\": \"\", \"password\": \"\"}",
            "{\"msg\":\"Data signature failed\",\"code\":500}");

    /** A payment registered: {@code data} {@code {"id":"MSPY…","third_id"}} echoing our id. */
    public static final ProductionExchanges PAY_DATA_OK = new ProductionExchanges("payData-ok",
            ManufacturerSimulator.PAY_DATA,
            "{\"mobile_model_id\": \"MM020250315000007\", \"device_id\": \"ZXCVBNMQWE42\", \"third_id\": \""
                    + THIRD_PAY_ID + "\", \"pay_amount\": 35.0, \"pay_type\": 12}",
            "{\"msg\":\"操作成功\",\"code\":200,\"data\":{\"id\":\"" + PAYMENT_ID + "\",\"third_id\":\""
                    + THIRD_PAY_ID + "\"}}");

    /** Paid: success without {@code data}. */
    public static final ProductionExchanges PAY_STATUS_OK = new ProductionExchanges("payStatus-ok",
            ManufacturerSimulator.PAY_STATUS,
            "{\"third_id\": \"" + THIRD_PAY_ID + "\", \"status\": 3, \"pay_amount\": 35.0}",
            "{\"msg\":\"操作成功\",\"code\":200}");

    /**
     * The order, 3 s after the payStatus, naming the payment by the manufacturer's id (and, as the
     * existing system did, the payment's own id as the order's {@code third_id}); the only answer
     * production ever gave to an order.
     */
    public static final ProductionExchanges ORDER_DATA_DEVICE_OFFLINE = new ProductionExchanges(
            "orderData-device-offline", ManufacturerSimulator.ORDER_DATA,
            "{\"third_pay_id\": \"" + PAYMENT_ID + "\", \"third_id\": \"" + THIRD_PAY_ID
                    + "\", \"mobile_model_id\": \"MM020250315000007\", \"pic\": \"https://shop.example/image/"
                    + "order-session_1742000000-final-1742000000-5e6f7a8b.png?token=1742172800:chinese_manufacturing:"
                    + "e1ebec58dea43c32959b7900303953a9f5c934dd479fcd08e51685a2338cf835\", \"device_id\": \"ZXCVBNMQWE42\","
                    + " \"mobile_shell_id\": \"MS102503150007\"}",
            "{\"msg\":\"The device is offline.\",\"code\":500}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every exchange, in the order of a delivery: logins, payData, payStatus, orderData. */
    public static List<ProductionExchanges> all() {
        return List.of(LOGIN_OK, LOGIN_MERCHANT_MISSING, LOGIN_SIGNATURE_FAILED, PAY_DATA_OK, PAY_STATUS_OK,
                ORDER_DATA_DEVICE_OFFLINE);
    }

    /** The exchange called {@code name}. */
    public static ProductionExchanges named(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exchange " + name));
    }

    public JsonNode requestJson() {
        return read(request);
    }

    public JsonNode answerJson() {
        return read(answer);
    }

    /** Whether production answered this call with success ({@code code} 200). */
    public boolean success() {
        return answerJson().path("code").asInt() == 200;
    }

    /** The next {@code times} calls of {@link #path()} get exactly this answer. */
    public void answerOn(ManufacturerSimulator simulator, int times) {
        simulator.answerWith(path, answer, times);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "ProductionExchanges[" + name + " " + path + "]";
    }
}
