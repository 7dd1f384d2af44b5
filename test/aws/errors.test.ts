import { classifyError, KnownError, SHARED_CAUSES } from '../../lib/aws/errors';

/** An error as the SDK throws a service's answer: a name and $metadata. */
const serviceError = (name: string, httpStatusCode: number, message = 'x') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
/** A socket error as @smithy/node-http-handler rejects it: it renames ECONNRESET and ETIMEDOUT alike to TimeoutError. */
const socketError = (code: string, name = 'Error') => Object.assign(new Error(`${code} from socket`), { code, name });

describe('credentials the learner must renew: "log in again", never "grant"', () => {
  test.each(['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId'])('%s', (name) => {
    const c = classifyError(serviceError(name, 403), { iamAction: 'cloudformation:DescribeStacks', profile: 'learner' });
    expect(c.kind).toBe('expired-credentials');
    expect(c.message).toBe(`AWS refused profile 'learner' as expired or invalid (${name}): log in again (\`aws sso login --profile learner\`, or renew the keys) and run the check again.`);
    expect(c.message).not.toMatch(/Grant/);
  });

  test('without a profile it names "your credentials"', () => {
    expect(classifyError(serviceError('ExpiredToken', 403)).message).toMatch(/^AWS refused your credentials as expired or invalid \(ExpiredToken\): log in again \(`aws sso login`/);
  });
});

test('access denied names the IAM action, and is not mistaken for clock skew (the SDK lists AccessDeniedException among its clock-skew codes)', () => {
  expect(classifyError(serviceError('AccessDeniedException', 400), 'kinesis:DescribeStreamSummary')).toEqual({
    kind: 'access-denied',
    message: 'Access denied (AccessDeniedException). Grant kinesis:DescribeStreamSummary (see `mllab policy`).',
  });
  expect(classifyError(serviceError('AccessDenied', 403), { iamAction: 's3:ListBucket' }).message).toBe('Access denied (AccessDenied). Grant s3:ListBucket (see `mllab policy`).');
});

test.each(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'InvalidSignatureException'])('clock skew (%s, by the SDK\'s own classification)', (name) => {
  const c = classifyError(serviceError(name, 403));
  expect(c.kind).toBe('clock-skew');
  expect(c.message).toMatch(/clock/);
});

test.each([
  ['by name', serviceError('ThrottlingException', 400)],
  ['by HTTP 429 alone', serviceError('SomeNewLimitError', 429)],
  ['LimitExceededException', serviceError('LimitExceededException', 400)],
])('throttling %s, by the SDK\'s own classification', (_label, err) => {
  expect(classifyError(err).kind).toBe('throttled');
});

describe('the network: reset, refused and silent are three different things', () => {
  test('a reset connection is "closed the connection", even though the HTTP handler names it TimeoutError', () => {
    const c = classifyError(socketError('ECONNRESET', 'TimeoutError'));
    expect(c.kind).toBe('connection-reset');
    expect(c.message).toMatch(/^The AWS endpoint closed the connection \(ECONNRESET\)/);
  });

  test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])('%s is unreachable', (code) => {
    expect(classifyError(socketError(code, code === 'ECONNREFUSED' ? 'TimeoutError' : 'Error'))).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(new RegExp(`^The AWS endpoint is unreachable \\(${code}\\)`)) });
  });

  test('a socket that timed out, a request past its timeout and an aborted call are timeouts', () => {
    expect(classifyError(socketError('ETIMEDOUT', 'TimeoutError')).kind).toBe('timeout');
    expect(classifyError(Object.assign(new Error('a request has exceeded the configured 20000 ms requestTimeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' })).kind).toBe('timeout');
    expect(classifyError(Object.assign(new Error('aborted'), { name: 'AbortError' })).kind).toBe('timeout');
  });

  test('an error the cause of which is a socket error is classified by that cause', () => {
    expect(classifyError(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })).kind).toBe('unreachable');
  });
});

test('no credentials in the chain is not "unreachable", and names the profile when there is one', () => {
  const err = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
  expect(classifyError(err)).toMatchObject({ kind: 'no-credentials', message: expect.stringMatching(/^No AWS credentials found: /) });
  expect(classifyError(err, { profile: 'learner' }).message).toMatch(/^No AWS credentials found for profile 'learner'/);
});

test('a known error keeps its own kind and message; anything else says its name and status', () => {
  expect(classifyError(new KnownError('no-recording', 'no answer'))).toEqual({ kind: 'no-recording', message: 'no answer' });
  expect(classifyError(serviceError('InternalFailure', 500, 'boom'))).toEqual({ kind: 'other', message: 'InternalFailure (HTTP 500): boom' });
});

test('the run-wide causes are the credentials, the clock and the network, never a requirement\'s own (access denied, throttled)', () => {
  expect([...SHARED_CAUSES].sort()).toEqual(['clock-skew', 'connection-reset', 'expired-credentials', 'no-credentials', 'timeout', 'unreachable']);
});
