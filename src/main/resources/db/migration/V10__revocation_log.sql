-- Incremental refresh of every node's revocation snapshot (issue 22, item 9). Portable SQL: runs on
-- H2 2.x and PostgreSQL.
--
-- One row per file a change to revocations touched, written in that change's transaction with the
-- version it moved revocation_changes to. Writers take the revocation_changes row lock first and
-- hold it until they commit, so versions commit in order, a rolled-back change gives its version
-- back, and every committed version has at least one row here. A node that loaded version L and
-- now reads version V re-reads only the files logged in (L, V]; if any version in that range has no
-- row (pruned, or written by something that does not log), it reloads the whole table instead.
CREATE TABLE revocation_log (
    version     BIGINT       NOT NULL,
    filename    VARCHAR(200) NOT NULL,
    -- Unix seconds, by the writer's clock: rows older than the retention are pruned, a whole
    -- version at a time (all rows of a version are written by one statement with one value).
    changed_at  BIGINT       NOT NULL,
    CONSTRAINT revocation_log_pk PRIMARY KEY (version, filename)
);
