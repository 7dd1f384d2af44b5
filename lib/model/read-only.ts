/**
 * The only operations a checker may send: Describe*, List*, Get*, BatchGet*, Head* (which include
 * Kinesis's record reads GetShardIterator and GetRecords). Manifests are refused at load time when
 * they declare anything else, and the check runtime refuses it again before a call is sent.
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
