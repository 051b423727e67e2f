-- Orders as the shop submitted them (SPEC §4). Portable SQL: runs on H2 2.x and PostgreSQL.
CREATE TABLE orders (
    -- Position in the store order, assigned under the order_sequence row lock, so orders become
    -- visible strictly in seq order and a poller's cursor never skips one.
    seq              BIGINT                   NOT NULL PRIMARY KEY,
    third_id         VARCHAR(64)              NOT NULL,
    third_pay_id     VARCHAR(64)              NOT NULL,
    mobile_model_id  VARCHAR(64)              NOT NULL,
    device_id        VARCHAR(64)              NOT NULL,
    mobile_shell_id  VARCHAR(64)              NOT NULL,
    pic              VARCHAR(200)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT orders_third_id_unique UNIQUE (third_id)
);

CREATE TABLE order_sequence (
    id        INTEGER NOT NULL PRIMARY KEY,
    last_seq  BIGINT  NOT NULL
);

INSERT INTO order_sequence (id, last_seq) VALUES (1, 0);
