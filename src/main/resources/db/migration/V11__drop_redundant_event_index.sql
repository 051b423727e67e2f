-- Every read of order_events is the timeline's (OrderEvents.timeline): by third_id, and by
-- third_id and kind, both served by order_events_by_kind (third_id, kind, id) since V9. The older
-- (third_id, id) index only cost every event insert a second index update: order submission
-- measured 8–14 % slower after V9 (docs/BENCHMARKS.md). Portable SQL: H2 2.x and PostgreSQL.
DROP INDEX order_events_by_order;
