package com.pimpmycase.app;

import com.pimpmycase.console.ConsoleServices;
import com.pimpmycase.delivery.DeliveryCounts;
import com.pimpmycase.delivery.DeliveryRetries;
import com.pimpmycase.delivery.DeliveryState;
import com.pimpmycase.download.DownloadCounter;
import com.pimpmycase.download.DownloadTally;
import com.pimpmycase.revocation.Revocation;
import com.pimpmycase.revocation.RevocationRefused;
import com.pimpmycase.revocation.RevocationService;
import com.pimpmycase.revocation.RevocationStore;
import com.pimpmycase.support.LinkExplainer;
import com.pimpmycase.support.LinkExplanation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's operations (SPEC §12), each through the same service as its API endpoint: the
 * revocation rules and events of {@link RevocationService} ({@code POST /api/revocations},
 * {@code DELETE /api/revocations/{id}}), {@link LinkExplainer} ({@code POST /api/support/explain}),
 * the {@link DownloadCounter} behind {@code GET /api/orders/{third_id}}, {@link DeliveryRetries}
 * ({@code POST /api/orders/{third_id}/delivery/retry}) and {@link DeliveryCounts} (what
 * {@code /health} and {@code /metrics} report of the backlog). The operator acts as
 * an admin, under the login name (recorded as {@code created_by}). A refusal of the rules is
 * thrown as {@link ConsoleServices.Refused} with the status the API would answer.
 *
 */
final class ConsoleOperations implements ConsoleServices {

    private final RevocationService revocations;
    private final LinkExplainer explainer;
    private final DownloadCounter downloads;
    private final DeliveryRetries retries;
    private final DeliveryCounts deliveries;

    ConsoleOperations(RevocationService revocations, LinkExplainer explainer, DownloadCounter downloads,
            DeliveryRetries retries, DeliveryCounts deliveries) {
        this.revocations = revocations;
        this.explainer = explainer;
        this.downloads = downloads;
        this.retries = retries;
        this.deliveries = deliveries;
    }

    @Override
    public String retryDelivery(String thirdId, String operator) throws SQLException {
        DeliveryRetries.Outcome outcome = retries.retry(thirdId, operator);
        DeliveryRetries.Refusal refusal = DeliveryRetries.refusal(outcome, thirdId);
        if (refusal != null) {
            throw new Refused(refusal.status(), refusal.message());
        }
        return "Delivery of order " + thirdId + " will be attempted now, with a fresh give-up clock.";
    }

    @Override
    public Backlog backlog() throws SQLException {
        DeliveryCounts.Snapshot now = deliveries.current();
        if (now == null) {
            throw new SQLException("the delivery counts could not be read yet");
        }
        return new Backlog(now.waiting(), now.count(DeliveryState.FAILED), now.oldestPendingSeconds(),
                now.problem());
    }

    @Override
    public String revokeLink(String filename, String token, String reason, String operator) throws SQLException {
        RevocationStore.Outcome outcome = call(() -> revocations.revokeLink(filename, token, reason, as(operator)));
        Revocation revoked = outcome.revocation();
        return outcome.created()
                ? "Revoked the " + revoked.partnerType() + " link: it is refused from now on."
                : "That " + revoked.partnerType() + " link was revoked already (by " + revoked.createdBy() + ").";
    }

    @Override
    public String block(String filename, String reason, String operator) throws SQLException {
        RevocationStore.Outcome outcome = call(() -> revocations.blockImage(filename, reason, as(operator)));
        return outcome.created()
                ? "Blocked " + filename + ": every link to it is refused until it is unblocked."
                : filename + " was blocked already (by " + outcome.revocation().createdBy() + ").";
    }

    @Override
    public String unblock(String filename, String operator) throws SQLException {
        call(() -> revocations.unblockImage(filename, as(operator)));
        return "Unblocked " + filename + ": its links work again (those not revoked or expired).";
    }

    @Override
    public Explanation explain(String url, String base) throws SQLException {
        LinkExplanation answer = call(() -> explainer.explain(url, contextPathOf(base)));
        if (answer instanceof LinkExplanation.NotALink notALink) {
            throw new Refused(422, notALink.why()); // the API's url_invalid
        }
        LinkExplanation.Explained explained = (LinkExplanation.Explained) answer;
        return new Explanation(explained.status(), explained.type(), explained.filename(),
                explained.checks().stream().map(c -> new Check(c.name(), c.ok(), c.detail())).toList(),
                explained.orders(), explained.advice());
    }

    @Override
    public Map<String, Downloads> downloads(String filename) throws SQLException {
        Map<String, DownloadTally> totals = call(() -> downloads.totals(filename));
        Map<String, Downloads> shown = new LinkedHashMap<>();
        totals.forEach((type, t) -> shown.put(type, new Downloads(t.count(), t.firstAt(), t.lastAt())));
        return shown;
    }

    private static RevocationService.Caller as(String operator) {
        return new RevocationService.Caller(operator, true);
    }

    /** The path of the base the console was reached under: where the explainer judges links from. */
    private static String contextPathOf(String base) {
        String path = URI.create(base).getRawPath();
        return path == null ? "" : path;
    }

    private interface Call<T> {
        T run() throws RevocationRefused, IOException, SQLException;
    }

    /** Runs {@code call}, a refusal of the rules as {@link Refused}; a database failure is the console's to show. */
    private static <T> T call(Call<T> call) throws SQLException {
        try {
            return call.run();
        } catch (RevocationRefused e) {
            throw new Refused(e.status(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the image directory: as rare as it is fatal to the page
        }
    }
}
