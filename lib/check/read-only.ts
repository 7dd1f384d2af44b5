/**
 * The only operations a checker may send: Describe*, List*, Get*, BatchGet*, Head* (which include
 * Kinesis's record reads GetShardIterator and GetRecords). Enforced by the runtime before a call is
 * sent, so a check cannot write to the learner's account even by mistake.
 */
const READ_ONLY = /^(Describe|List|Get|BatchGet|Head)[A-Z]/;

/** Operations whose names look like reads but change state or reveal secrets. */
const NOT_READ_ONLY = new Set<string>([
  'GetSessionToken', // STS: issues credentials
  'GetFederationToken',
]);

export function isReadOnlyOperation(operation: string): boolean {
  return READ_ONLY.test(operation) && !NOT_READ_ONLY.has(operation);
}
