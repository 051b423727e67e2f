-- SPEC §10/§11 (issue 22): who may read who revoked what, and a timeline no caller can bury.
-- Portable SQL: H2 2.x and PostgreSQL.

-- Whether an administrator (an admin API client or a console operator) made the revocation: a
-- shop then reads "administrator" and no reason. Rows from before are not known to be a shop's:
-- taken as an administrator's (a shop's own revocation shown as an administrator's hides nothing).
ALTER TABLE revocations ADD COLUMN created_by_staff BOOLEAN DEFAULT TRUE NOT NULL;

-- What the operator console shows instead of detail (NULL: detail): for an administrator's
-- revocation, its maker and reason, which detail (what the API shows) leaves out.
ALTER TABLE order_events ADD COLUMN staff_detail VARCHAR(500);

-- Events written before: the maker and reason of an image block or its lifting (administrators
-- only) move to staff_detail; so does those of a link revocation, whose maker's role is unknown.
UPDATE order_events
   SET staff_detail = detail,
       detail = 'image blocked: every link revoked by an administrator'
 WHERE kind = 'image_blocked';
UPDATE order_events
   SET staff_detail = detail,
       detail = 'block lifted by an administrator'
 WHERE kind = 'image_unblocked';
UPDATE order_events
   SET staff_detail = detail,
       detail = SUBSTRING(detail FROM 1 FOR POSITION(' revoked by ' IN detail) - 1) || ' revoked'
 WHERE kind = 'link_revoked' AND POSITION(' revoked by ' IN detail) > 0;

-- The timeline reads the last events of one kind of one order (OrderEvents.timeline).
CREATE INDEX order_events_by_kind ON order_events (third_id, kind, id);
