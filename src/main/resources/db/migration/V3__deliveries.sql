-- Delivery of each order to the manufacturer (SPEC §9): one row per order, written in the order's
-- own transaction, and the claim ("lease") that keeps one attempt per order in flight across
-- nodes. docs/DELIVERY.md explains the states and the lease. Portable SQL: H2 2.x and PostgreSQL.
CREATE TABLE deliveries (
    third_id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    -- The order's store position: deliveries are attempted oldest order first.
    order_seq              BIGINT                   NOT NULL,
    third_pay_id           VARCHAR(64)              NOT NULL,
    state                  VARCHAR(20)              NOT NULL,
    attempts               INTEGER                  NOT NULL,
    -- Failed attempts since the giveUpAfter clock (re)started: the n of the backoff.
    failures               INTEGER                  NOT NULL,
    last_attempt_at        TIMESTAMP WITH TIME ZONE,
    next_attempt_at        TIMESTAMP WITH TIME ZONE,
    last_error             VARCHAR(500),
    delivered_at           TIMESTAMP WITH TIME ZONE,
    manufacturer_order_id  VARCHAR(64),
    queue_no               VARCHAR(64),
    manufacturer_status    INTEGER,
    manufacturer_status_at TIMESTAMP WITH TIME ZONE,
    pic_expires_at         BIGINT,
    -- giveUpAfter: set by the first attempt of a clock, pushed back by the time the image was
    -- blocked (blocked_since), cleared by a retry request.
    give_up_at             TIMESTAMP WITH TIME ZONE,
    blocked_since          TIMESTAMP WITH TIME ZONE,
    -- When a dispatcher must look at the row next: a pending row's next attempt (or its give-up
    -- time, if earlier); a delivering row's lease expiry. NULL: nothing to do (final or waiting).
    due_at                 TIMESTAMP WITH TIME ZONE,
    -- The claim of the attempt in flight (unique per claim), renewed while the attempt lasts.
    lease_id               VARCHAR(40),
    -- Bumped by every change: a claim succeeds only on the row version it read.
    version                BIGINT                   NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (due_at);
CREATE INDEX deliveries_by_state ON deliveries (state, order_seq);
CREATE INDEX deliveries_by_pay ON deliveries (third_pay_id);

-- The last payment status the manufacturer reported per third_pay_id (1..5), orders or not.
CREATE TABLE payments (
    third_pay_id  VARCHAR(64)              NOT NULL PRIMARY KEY,
    status        INTEGER                  NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Orders stored before this migration were not delivered by the service: they stay off (SPEC §9,
-- "nothing old is sent by surprise"; a retry request sends one).
INSERT INTO deliveries (third_id, order_seq, third_pay_id, state, attempts, failures, version)
SELECT third_id, seq, third_pay_id, 'off', 0, 0, 0 FROM orders;
