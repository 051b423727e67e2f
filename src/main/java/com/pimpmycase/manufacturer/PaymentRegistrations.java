package com.pimpmycase.manufacturer;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What this service registered with the manufacturer per {@code third_pay_id} in the payData flow
 * (SPEC §9): the steps are done once per payment, a step is sent again only when it was not
 * answered with success, and one attempt at a time registers a payment (a lease, across nodes).
 */
public interface PaymentRegistrations {

    /** {@code payData}'s payment id and when each step was answered with success ({@code null}: not yet). */
    record Registration(String manufacturerPaymentId, Instant payDataAt, Instant payStatusAt) {
        static final Registration NONE = new Registration(null, null, null);

        public boolean complete() {
            return payDataAt != null && payStatusAt != null;
        }
    }

    /** The registration of {@code thirdPayId}; {@link Registration#NONE}'s values when there is none. */
    Registration find(String thirdPayId) throws SQLException;

    /** Takes the payment's lease until {@code until}, unless another attempt holds an unexpired one. */
    boolean lease(String thirdPayId, String leaseId, Instant now, Instant until) throws SQLException;

    void payDataDone(String thirdPayId, String manufacturerPaymentId, Instant at) throws SQLException;

    void payStatusDone(String thirdPayId, Instant at) throws SQLException;

    void release(String thirdPayId, String leaseId) throws SQLException;

    /** In memory, for one node (tests and tools). */
    static PaymentRegistrations inMemory() {
        return new PaymentRegistrations() {
            private final Map<String, Registration> registrations = new HashMap<>();
            private final Map<String, String> leases = new HashMap<>();
            private final Map<String, Instant> leaseUntil = new HashMap<>();

            @Override
            public synchronized Registration find(String thirdPayId) {
                return registrations.getOrDefault(thirdPayId, Registration.NONE);
            }

            @Override
            public synchronized boolean lease(String thirdPayId, String leaseId, Instant now, Instant until) {
                Instant held = leaseUntil.get(thirdPayId);
                if (leases.containsKey(thirdPayId) && held.isAfter(now)) {
                    return false;
                }
                leases.put(thirdPayId, leaseId);
                leaseUntil.put(thirdPayId, until);
                return true;
            }

            @Override
            public synchronized void payDataDone(String thirdPayId, String id, Instant at) {
                Registration r = find(thirdPayId);
                registrations.put(thirdPayId, new Registration(id, at, r.payStatusAt()));
            }

            @Override
            public synchronized void payStatusDone(String thirdPayId, Instant at) {
                Registration r = find(thirdPayId);
                registrations.put(thirdPayId, new Registration(r.manufacturerPaymentId(), r.payDataAt(), at));
            }

            @Override
            public synchronized void release(String thirdPayId, String leaseId) {
                if (leaseId.equals(leases.get(thirdPayId))) {
                    leases.remove(thirdPayId);
                }
            }
        };
    }
}
