package com.pimpmycase.manufacturer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pimpmycase.config.ManufacturerConfig;
import com.pimpmycase.order.OrderSubmission;
import com.pimpmycase.simulator.ManufacturerSimulator;
import com.pimpmycase.simulator.ManufacturerSimulator.Fault;
import com.pimpmycase.simulator.ManufacturerSimulator.RawCall;
import com.pimpmycase.simulator.ProductionExchanges;
import com.pimpmycase.testing.CapturedLog;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the manufacturer as its production API behaves (SPEC §9), over real HTTP to
 * the simulator in its production dialect: errors as HTTP 200 with {@code code} 500 and English
 * messages, {@code payData}, the settle race, HTTP/1.1 only; and the production exchanges of the
 * existing system's request log replayed through the client. No WAR needed.
 */
class ManufacturerProductionIT {

    static final String ACCOUNT = "acc-factory";
    static final String PASSWORD = "factory-pw-7f3a";
    static final String FIXED_KEY = "prod-it-fixed-key-5b2e9c1d7a";
    static final String SYSTEM = "mobileShell";
    static final ObjectMapper JSON = new ObjectMapper();

    static ManufacturerSimulator simulator;
    static int orderNumber;

    final List<Duration> slept = new CopyOnWriteArrayList<>();
    HttpManufacturerApi api;
    CapturedLog log;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = ManufacturerSimulator.started(ACCOUNT, PASSWORD, FIXED_KEY, SYSTEM,
                ManufacturerSimulator.Dialect.PRODUCTION);
    }

    @AfterAll
    static void stopSimulator() throws Exception {
        simulator.close();
    }

    @BeforeEach
    void fresh() {
        simulator.reset();
        log = CapturedLog.start(Level.ALL);
        api = client(ManufacturerConfig.PaymentFlow.PAY_DATA, Duration.ofSeconds(3));
    }

    @AfterEach
    void noSecretAnywhere() throws Exception {
        api.stop(false);
        log.close();
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, FIXED_KEY));
        secrets.addAll(simulator.secretsSeen());
        for (String line : log.lines()) {
            for (String secret : secrets) {
                assertFalse(line.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
                        () -> "a secret in: " + line);
            }
        }
    }

    /** The settle wait is recorded, not slept: the simulator's own settle is 0 unless a test sets it. */
    HttpManufacturerApi client(ManufacturerConfig.PaymentFlow flow, Duration settle) {
        ManufacturerConfig config = new ManufacturerConfig(URI.create(simulator.baseUrl()), ACCOUNT, PASSWORD,
                FIXED_KEY, SYSTEM, "en", ManufacturerConfig.DeliverOn.SUBMIT, true, Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofMinutes(15), Duration.ofHours(72)).withPaymentFlow(flow, settle);
        return new HttpManufacturerApi(config, Clock.systemUTC(), LoginTokens.inMemory(),
                PaymentRegistrations.inMemory(), slept::add);
    }

    static OrderSubmission order(String thirdPayId, BigDecimal amount) {
        int n = ++orderNumber;
        return new OrderSubmission(thirdPayId, "ORPROD" + n, "MM102503290004", "design-" + n + ".png",
                "CXYLOGD8OQUK", "MS102503290010", amount == null ? null : amount.setScale(2), 12);
    }

    static String pic(OrderSubmission order) {
        return "https://cases.example.com/image/" + order.pic() + "?token=1756551196:chinese_manufacturing:abc123";
    }

    AttemptResult deliver(OrderSubmission order) {
        return api.deliver(order, pic(order));
    }

    static List<String> paths() {
        return simulator.rawCalls().stream().map(RawCall::path).toList();
    }

    // --- the wire

    @Test
    void everyCallIsHttp11WithOurUserAgentAndNeverOffersAnUpgrade() {
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order("PYWIRE1", new BigDecimal("35"))));
        List<RawCall> calls = simulator.rawCalls();
        assertEquals(List.of("user/login", "order/payData", "order/payStatus", "order/orderData"), paths());
        for (RawCall call : calls) {
            assertEquals("HTTP/1.1", call.httpVersion(), call.toString());
            assertFalse(call.h2cUpgradeOffered(), call.toString());
            assertTrue(call.userAgent().startsWith("PimpMyCase-ImageService/"), call.userAgent());
            assertEquals("application/json", call.header("Content-Type"));
            assertEquals("en", call.header("req_source"));
        }
    }

    // --- answers classified by msg (§9's table)

    @Test
    void aTokenMessageWithCode500LogsInAgainAndRepeatsTheCallOnce() throws Exception {
        api.stop(false);
        api = client(ManufacturerConfig.PaymentFlow.NONE, Duration.ZERO);
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order("PYTOK1", null)));
        simulator.expireAllTokens(); // answers code 500 "The token has expired, please log in again"
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order("PYTOK2", null)));
        assertEquals(List.of("user/login", "order/orderData", "order/orderData", "user/login", "order/orderData"),
                paths());
    }

    @Test
    void aWrongFixedKeyIsResultConfigNamingTheMessage() {
        simulator.fail(ManufacturerSimulator.LOGIN, null, Fault.signatureFailed(), 1);
        AttemptResult result = deliver(order("PYCFG1", new BigDecimal("35")));
        assertEquals("config", result.result());
        assertEquals("login failed: Data signature failed", result.message());
        assertEquals("Data signature failed", ((AttemptResult.Misconfigured) result).problem(),
                "/health's problem is the manufacturer's msg alone");

        simulator.fail(ManufacturerSimulator.LOGIN, null, Fault.merchantMissing(), 1);
        assertEquals("login failed: The merchant account does not exist",
                deliver(order("PYCFG2", new BigDecimal("35"))).message());

        simulator.fail(ManufacturerSimulator.PAY_DATA, null, Fault.signatureFailed(), 1);
        AttemptResult payData = deliver(order("PYCFG3", new BigDecimal("35")));
        assertEquals("config", payData.result());
        assertEquals("payData: Data signature failed", payData.message());
    }

    @Test
    void noPermissionIsRejectedAndAnOfflineDeviceIsTransient() throws Exception {
        api.stop(false);
        api = client(ManufacturerConfig.PaymentFlow.NONE, Duration.ZERO);
        deliver(order("PYWARM", null)); // logged in
        simulator.fail(ManufacturerSimulator.ORDER_DATA, null, Fault.noPermission(), 1);
        AttemptResult.Rejected rejected = assertInstanceOf(AttemptResult.Rejected.class, deliver(order("PYREJ", null)));
        assertEquals("No permission to access the current device", rejected.message());
        simulator.fail(ManufacturerSimulator.ORDER_DATA, null, Fault.deviceOffline(), 1);
        AttemptResult.RetryLater later = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order("PYOFF", null)));
        assertFalse(later.auth());
        assertEquals("code 500: The device is offline.", later.message());
    }

    @Test
    void aMessageEchoingASecretKeepsNoRunOfIt() throws Exception {
        api.stop(false);
        api = client(ManufacturerConfig.PaymentFlow.NONE, Duration.ZERO);
        deliver(order("PYWARM2", null));
        String msg = "x".repeat(170) + " key " + FIXED_KEY.toUpperCase(Locale.ROOT) + " pw " + PASSWORD;
        simulator.fail(ManufacturerSimulator.ORDER_DATA, null, Fault.code(500, msg), 1);
        AttemptResult result = deliver(order("PYECHO", null));
        String shown = result.message().toLowerCase(Locale.ROOT);
        for (String secret : List.of(FIXED_KEY, PASSWORD)) {
            String s = secret.toLowerCase(Locale.ROOT);
            for (int i = 0; i + 8 <= s.length(); i++) {
                assertFalse(shown.contains(s.substring(i, i + 8)), shown);
            }
        }
    }

    // --- the payData flow

    @Test
    void payDataThenPayStatusThenTheSettleWaitThenOrderDataWithThePaymentId() throws Exception {
        OrderSubmission order = order("PYFLOW1", new BigDecimal("35"));
        AttemptResult.Delivered delivered = assertInstanceOf(AttemptResult.Delivered.class, deliver(order));
        ManufacturerSimulator.PaymentRecord payment = simulator.payment("PYFLOW1");
        assertTrue(payment.manufacturerPaymentId().startsWith("MSPY"), payment.toString());
        assertEquals(payment.manufacturerPaymentId(), delivered.manufacturerPaymentId());
        assertEquals("35.0", payment.payAmount(), "written as the manufacturer's own client writes it");
        assertEquals(12, payment.payType());
        assertEquals(List.of(3), payment.statuses());
        assertEquals(List.of("35.0"), payment.statusAmounts());
        assertEquals(1, slept.size(), "one wait between payStatus and orderData");
        assertTrue(slept.get(0).compareTo(Duration.ofSeconds(3)) <= 0 && slept.get(0).toMillis() > 2000, slept.toString());

        RawCall payData = simulator.rawCalls(ManufacturerSimulator.PAY_DATA).get(0);
        JsonNode body = JSON.readTree(payData.body());
        assertEquals(List.of("mobile_model_id", "device_id", "third_id", "pay_amount", "pay_type"), names(body),
                "the fields in the order of the existing system's client");
        assertTrue(payData.body().contains("\"pay_amount\":35.0"), payData.body());
        JsonNode orderData = JSON.readTree(simulator.rawCalls(ManufacturerSimulator.ORDER_DATA).get(0).body());
        assertEquals(payment.manufacturerPaymentId(), orderData.get("third_pay_id").textValue());
        assertEquals(order.thirdId(), orderData.get("third_id").textValue());
        assertEquals(List.of("third_pay_id", "third_id", "mobile_model_id", "pic", "device_id", "mobile_shell_id"),
                names(orderData));
    }

    @Test
    void thePaymentIsRegisteredOncePerThirdPayIdAndARetryResumesAtTheFailedStep() {
        simulator.fail(ManufacturerSimulator.PAY_STATUS, null, Fault.deviceOffline(), 1);
        OrderSubmission first = order("PYONCE", new BigDecimal("19.99"));
        assertInstanceOf(AttemptResult.RetryLater.class, deliver(first));
        assertInstanceOf(AttemptResult.Delivered.class, deliver(first));
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order("PYONCE", new BigDecimal("19.99"))));
        ManufacturerSimulator.PaymentRecord payment = simulator.payment("PYONCE");
        assertEquals(1, payment.payDataCalls(), "payData once: the retry resumed at payStatus");
        assertEquals("19.99", payment.payAmount());
        assertEquals(List.of("user/login", "order/payData", "order/payStatus", "order/payStatus", "order/orderData",
                "order/orderData"), paths());
    }

    @Test
    void anOrderWithoutPayAmountIsRejectedWithNoCall() {
        AttemptResult.Rejected rejected = assertInstanceOf(AttemptResult.Rejected.class, deliver(order("PYNOAMT", null)));
        assertEquals("pay_amount missing", rejected.message());
        assertEquals(List.of(), paths());
    }

    @Test
    void paymentInformationDoesNotExistRightAfterPayStatusIsTheSettleRaceAndTransient() {
        simulator.settlePayments(Duration.ofMinutes(1)); // the manufacturer settles far slower than we wait
        OrderSubmission order = order("PYRACE", new BigDecimal("35"));
        AttemptResult.RetryLater later = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order));
        assertFalse(later.auth());
        assertTrue(later.message().contains("Payment information does not exist"), later.message());
        simulator.settlePayments(Duration.ZERO);
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order));
        assertEquals(1, simulator.payment("PYRACE").payDataCalls());
    }

    @Test
    void thePayStatusFlowSendsPayStatusBeforeEveryOrderData() throws Exception {
        api.stop(false);
        api = client(ManufacturerConfig.PaymentFlow.PAY_STATUS, Duration.ZERO);
        assertInstanceOf(AttemptResult.Delivered.class, deliver(order("PYPS", null)));
        assertEquals(List.of("user/login", "order/payStatus", "order/orderData"), paths());
        assertEquals(List.of(3), simulator.payment("PYPS").statuses());
        assertNull(simulator.payment("PYPS").manufacturerPaymentId());
        assertTrue(slept.isEmpty());
    }

    // --- the production exchanges, replayed through the client

    @Test
    void productionsAnswersReplayedThroughTheClient() throws Exception {
        // A delivery whose every answer is production's own: login, payData, payStatus (no data), orderData.
        ProductionExchanges.LOGIN_OK.answerOn(simulator, 1);
        ProductionExchanges.PAY_DATA_OK.answerOn(simulator, 1);
        ProductionExchanges.PAY_STATUS_OK.answerOn(simulator, 1);
        ProductionExchanges.ORDER_DATA_DEVICE_OFFLINE.answerOn(simulator, 1);
        OrderSubmission order = order(ProductionExchanges.THIRD_PAY_ID, new BigDecimal("35.0"));
        AttemptResult.RetryLater offline = assertInstanceOf(AttemptResult.RetryLater.class, deliver(order));
        assertEquals("code 500: The device is offline.", offline.message());
        JsonNode orderData = JSON.readTree(simulator.rawCalls(ManufacturerSimulator.ORDER_DATA).get(0).body());
        assertEquals(ProductionExchanges.PAYMENT_ID, orderData.get("third_pay_id").textValue(),
                "the payment id from production's payData answer");
        assertEquals(ProductionExchanges.TOKEN,
                simulator.rawCalls(ManufacturerSimulator.PAY_DATA).get(0).header("Authorization"),
                "production's token, raw, no scheme");

        // Our requests have the fields, order and number text of the existing system's requests.
        for (ProductionExchanges exchange : List.of(ProductionExchanges.PAY_DATA_OK, ProductionExchanges.PAY_STATUS_OK,
                ProductionExchanges.ORDER_DATA_DEVICE_OFFLINE)) {
            JsonNode ours = JSON.readTree(simulator.rawCalls(exchange.path()).get(0).body());
            assertEquals(names(exchange.requestJson()), names(ours), exchange.name());
            if (exchange.requestJson().has("pay_amount")) {
                assertEquals(exchange.requestJson().get("pay_amount").toString(), ours.get("pay_amount").toString());
            }
        }

        // The logins production refused: our configuration, for every order.
        for (ProductionExchanges refused : List.of(ProductionExchanges.LOGIN_MERCHANT_MISSING,
                ProductionExchanges.LOGIN_SIGNATURE_FAILED)) {
            api.stop(false);
            api = client(ManufacturerConfig.PaymentFlow.NONE, Duration.ZERO);
            refused.answerOn(simulator, 1);
            AttemptResult result = deliver(order("PYREFUSED", null));
            assertEquals("config", result.result(), refused.name());
            assertEquals("login failed: " + refused.answerJson().get("msg").textValue(), result.message());
        }
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
