# The ten deliberate breaks of run_breaks.py: (what, file, text, replacement, unit tests, integration test).
# Each break: (name, file, old, new, tests (surefire -Dtest), its = failsafe -Dit.test or None)
M='src/main/java/com/pimpmycase/'
BREAKS=[
 ("token: expiry off by one second (now >= exp + leeway)", M+'token/Expiry.java',
  'return now > expiresAt + leewaySeconds;', 'return now >= expiresAt + leewaySeconds;', 'ExpiryTest,TokenVerifierTest', None),
 ("image: a suffix range sends the whole file", M+'image/RangeRequest.java',
  'satisfiable.add(new ByteRange(Math.max(0, length - suffix), length - 1));', 'satisfiable.add(new ByteRange(0, length - 1));', 'RangeRequestTest', None),
 ("image: If-None-Match with a weak tag never matches", M+'image/EntityTags.java',
  'if (opaque.equals(etag) && !(strong && weak)) {', 'if (opaque.equals(etag) && !weak) {', 'ConditionalRequestTest,EntityTagsTest', None),
 ("API: third_id no longer required in orderData", M+'order/OrderSubmissionParser.java',
  'String thirdId = v.id(body, "third_id");', 'String thirdId = body.hasNonNull("third_id") ? body.get("third_id").asText() : "MISSING";', 'OrderBodyFuzzTest', 'OrderApiH2IT'),
 ("delivery: an order never gives up", M+'delivery/DeliveryTransition.java',
  'return due.giveUpAt() != null && due.blockedSince() == null && !now.isBefore(due.giveUpAt());', 'return false;', 'DeliveryTransitionTest,DeliveryClaimsTest', None),
 ("manufacturer: sign over fields in insertion order", M+'manufacturer/ManufacturerSign.java',
  'fields.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));', '', 'ManufacturerSignTest', None),
 ("revocation: a revoked link is not enforced", M+'revocation/RevocationSnapshot.java',
  'return entry.linkDigests().contains(LinkDigest.of(token));', 'return false;', 'RevocationSnapshotTest', None),
 ("console: the CSRF check accepts anything", M+'console/ConsoleServlet.java',
  'if (!Csrf.isValid(request)) {', 'if (false) {', None, 'ConsoleIT'),
 ("webhook: a replayed status report is applied again", M+'manufacturer/JdbcManufacturerReports.java',
  'if (same != null && !same.equals(latest)) {', 'if (false) {', 'ManufacturerReportsTest', None),
 ("orders: a submission commits without a transaction", M+'order/OrderStore.java',
  'outcome = Transactions.inTransaction(jdbi, handle -> {', 'outcome = Transactions.withHandle(jdbi, handle -> {', 'OrderStoreTransactionTest', None),
]
