package com.pimpmycase.bench;

import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import com.pimpmycase.token.TokenVerifier;
import com.pimpmycase.token.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one token verification against its floor, one raw HMAC-SHA256 of the same message with
 * a ready {@link Mac}. Target (issue: benchmarks): verification within 1.5x of the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class TokenBenchmark {

    static final String KEY = "benchmark-signing-key-0123456789abcdef0123";
    static final String RETIRED = "benchmark-retired-key-0123456789abcdef0123";
    static final String FILE = "order-session_1756378358-final-1756378358-e5f1af36.png";

    TokenVerifier verifier;
    TokenMinter minter;
    String valid;
    String badSignature;
    String expired;
    Mac rawMac;
    Clock clock;
    byte[] message;
    String messageText;
    SigningKeys keys;

    @Setup
    public void setUp() throws Exception {
        keys = SigningKeys.of(KEY, List.of(RETIRED));
        clock = Clock.systemUTC();
        verifier = new TokenVerifier(keys, PartnerPolicies.defaults(), clock, Duration.ZERO);
        minter = new TokenMinter(keys, PartnerPolicies.defaults(), clock);
        Token token = minter.mint(FILE, "chinese_manufacturing");
        valid = token.text();
        badSignature = new Token(token.expiresAt(), token.partnerType(), "0".repeat(64)).text();
        expired = new TokenMinter(keys, PartnerPolicies.defaults(), Clock.offset(clock, Duration.ofDays(-3)))
                .mint(FILE, "chinese_manufacturing").text();
        rawMac = Mac.getInstance("HmacSHA256");
        rawMac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        messageText = FILE + ":" + token.expiresAt() + ":chinese_manufacturing";
        message = messageText.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] rawHmacFloor() {
        return rawMac.doFinal(message);
    }

    /**
     * Breakdown: the service's own HMAC (RFC 2104 precomputed pad states) of the same message,
     * including its UTF-8 encoding: what verification costs without parsing and checks.
     */
    @Benchmark
    public byte[] serviceHmac() {
        return keys.mac(messageText);
    }

    @Benchmark
    public Verdict verifyValid() {
        return verifier.verify(FILE, valid);
    }

    /** Tries the active and the retired key: two HMACs. */
    @Benchmark
    public Verdict verifyBadSignature() {
        return verifier.verify(FILE, badSignature);
    }

    @Benchmark
    public Verdict verifyExpired() {
        return verifier.verify(FILE, expired);
    }

    /** Breakdown: parsing the wire form alone. */
    @Benchmark
    public Token parseOnly() {
        return Token.parse(valid);
    }

    /** Breakdown: the clock read of every verification. */
    @Benchmark
    public long clockOnly() {
        return clock.millis();
    }

    @Benchmark
    public Token mint() {
        return minter.mint(FILE, "chinese_manufacturing");
    }
}
