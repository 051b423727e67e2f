-- The console's dashboard (SPEC §12): counts per hour, summed over every node. Each node adds its
-- own counts in memory and flushes them here every few seconds (an UPDATE adding to the row, or
-- the INSERT of a new one); rows older than 30 days are deleted.
CREATE TABLE hourly_counts (
    hour_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- download | refusal | delivery
    series      VARCHAR(16)              NOT NULL,
    -- the refusal's type or the delivery attempt's result; '' for downloads
    label       VARCHAR(64)              NOT NULL,
    amount      BIGINT                   NOT NULL,
    CONSTRAINT hourly_counts_pk PRIMARY KEY (hour_start, series, label)
);

-- Operators for Tomcat's DataSourceRealm over this database (the production option of
-- conf/tomcat/ROOT.xml): passwords stored as Tomcat's SecretKeyCredentialHandler writes them
-- (bin/digest.sh), never in clear. Unused when the container's realm is another one.
CREATE TABLE console_users (
    user_name      VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_password  VARCHAR(512) NOT NULL
);
CREATE TABLE console_user_roles (
    user_name  VARCHAR(64) NOT NULL,
    role_name  VARCHAR(64) NOT NULL,
    CONSTRAINT console_user_roles_pk PRIMARY KEY (user_name, role_name)
);
