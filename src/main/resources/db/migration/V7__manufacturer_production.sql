-- The manufacturer as its production API behaves (SPEC §4, §9). Portable SQL: H2 2.x and PostgreSQL.

-- §4: the payment an order was paid with, for the payData flow; NULL when the shop gave none.
ALTER TABLE orders ADD COLUMN pay_amount DECIMAL(8, 2);
ALTER TABLE orders ADD COLUMN pay_type INTEGER;

-- §9: the manufacturer's payment id (payData's data.id) the order was delivered with.
ALTER TABLE deliveries ADD COLUMN manufacturer_payment_id VARCHAR(64);
-- blocked_since also marks a giveUpAfter clock paused by a `config` answer (our configuration is
-- wrong, for every order): claim() pushes give_up_at back by the pause, as for a blocked image.

-- §9 payData flow: what this service registered with the manufacturer per third_pay_id, so the
-- steps are done once per payment and a retry resumes at the first step not answered with success.
-- The lease keeps two attempts (two orders of one payment, on any nodes) from registering it twice.
CREATE TABLE payment_registrations (
    third_pay_id             VARCHAR(64)              NOT NULL PRIMARY KEY,
    manufacturer_payment_id  VARCHAR(64),
    pay_data_at              TIMESTAMP WITH TIME ZONE,
    pay_status_at            TIMESTAMP WITH TIME ZONE,
    lease_id                 VARCHAR(40),
    lease_until              TIMESTAMP WITH TIME ZONE
);
CREATE INDEX payment_registrations_by_id ON payment_registrations (manufacturer_payment_id);

-- §9 login: the manufacturer's login token, shared by every node, per API and account
-- (account_key = hex SHA-256 of "<baseUrl> <account>"). One node logs in at a time (the login
-- lease); the others use the token it stored. problem: the last `config` answer's msg and when.
CREATE TABLE manufacturer_sessions (
    account_key        VARCHAR(64)              NOT NULL PRIMARY KEY,
    token              VARCHAR(1000),
    obtained_at        TIMESTAMP WITH TIME ZONE,
    login_lease_id     VARCHAR(40),
    login_lease_until  TIMESTAMP WITH TIME ZONE,
    problem            VARCHAR(500),
    problem_at         TIMESTAMP WITH TIME ZONE
);
