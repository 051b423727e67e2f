-- Downloads per image and partner type (SPEC §11), summed over all nodes: each node adds what it
-- counted in memory since its last flush (every few seconds and at shutdown), never overwrites.
CREATE TABLE image_downloads (
    filename        VARCHAR(200)             NOT NULL,
    partner_type    VARCHAR(64)              NOT NULL,
    download_count  BIGINT                   NOT NULL,
    first_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT image_downloads_pk PRIMARY KEY (filename, partner_type)
);
