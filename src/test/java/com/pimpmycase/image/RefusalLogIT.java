package com.pimpmycase.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pimpmycase.testing.CapturedLog;
import com.pimpmycase.testing.DeployedWar;
import com.pimpmycase.testing.TestImages;
import com.pimpmycase.token.PartnerPolicies;
import com.pimpmycase.token.SigningKeys;
import com.pimpmycase.token.Token;
import com.pimpmycase.token.TokenMinter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §6: one log line per refusal, with reason and file, never a full signature or a key. */
class RefusalLogIT {

    @TempDir
    Path data;

    @Test
    void refusalsAreLoggedWithoutSecrets() throws Exception {
        try (CapturedLog capture = CapturedLog.start(Level.ALL); DeployedWar war = DeployedWar.start(data)) {
            List<String> lines = capture.lines();
            war.storeImage("a.png", TestImages.png(4, 4));
            TokenMinter minter = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                    Clock.systemUTC());
            Token forB = minter.mint("b.png", "end_user");
            Token expired = new TokenMinter(SigningKeys.of(DeployedWar.SIGNING_KEY), PartnerPolicies.defaults(),
                    Clock.offset(Clock.systemUTC(), Duration.ofHours(-5))).mint("a.png", "end_user");
            String upper = forB.expiresAt() + ":end_user:" + forB.signature().toUpperCase();
            lines.clear();

            assertEquals(422, war.get("/image/a.png?token=" + forB.text()).statusCode());
            assertEquals(422, war.get("/image/a.png?token=" + expired.text()).statusCode());
            assertEquals(422, war.get("/image/a.png?token=" + upper).statusCode());
            assertEquals(200, war.get("/image/a.png?token=" + minter.mint("a.png", "admin").text()).statusCode());

            List<String> refusals = lines.stream().filter(l -> l.startsWith("refused")).toList();
            assertEquals(3, refusals.size(), lines.toString());
            assertTrue(refusals.get(0).contains("reason=token_signature_invalid") && refusals.get(0).contains("file=a.png"));
            assertTrue(refusals.get(1).contains("reason=token_expired"));
            assertTrue(refusals.get(2).contains("reason=token_malformed"));
            for (String line : lines) {
                assertFalse(line.contains(forB.signature()), line);
                assertFalse(line.toLowerCase().contains(forB.signature()), line);
                assertFalse(line.contains(expired.signature()), line);
                assertFalse(line.contains(DeployedWar.SIGNING_KEY), line);
            }
        }
    }
}
