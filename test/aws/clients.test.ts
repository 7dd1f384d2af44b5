// The client factory against a loopback server: the SDK's retry settings are the user's, an abort
// signal stops a call at once, a request past its time is an error, and nothing is logged.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ClientPool, createClient, silentLogger, writerLogger } from '../../lib/aws/clients';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

let server: Server;
let url: string;
let requests = 0;
let answer: 'error-500' | 'never' = 'error-500';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (answer === 'never') return;
    req.resume();
    req.on('end', () => {
      res.writeHead(500, { 'content-type': 'text/xml' });
      res.end('<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>boom</Message></Error><RequestId>1</RequestId></ErrorResponse>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // The 'never' answers leave sockets open: closed here, so the test leaves nothing behind.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const saved = { attempts: process.env.AWS_MAX_ATTEMPTS, mode: process.env.AWS_RETRY_MODE };
beforeEach(() => {
  requests = 0;
  answer = 'error-500';
  delete process.env.AWS_MAX_ATTEMPTS;
  delete process.env.AWS_RETRY_MODE;
});
afterEach(() => {
  for (const [key, value] of [['AWS_MAX_ATTEMPTS', saved.attempts], ['AWS_RETRY_MODE', saved.mode]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const sts = (options: { maxAttempts?: number; requestTimeoutMs?: number } = {}) => createClient(STSClient, { region: 'us-east-1', endpoint: url, credentials, ...options });

async function attemptsMade(client: STSClient): Promise<number> {
  try {
    await client.send(new GetCallerIdentityCommand({}));
  } catch {
    // every answer is a 500
  } finally {
    client.destroy();
  }
  return requests;
}

describe('retries: AWS_MAX_ATTEMPTS and AWS_RETRY_MODE are honoured (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html)', () => {
  test('AWS_MAX_ATTEMPTS=1 sends once', async () => {
    process.env.AWS_MAX_ATTEMPTS = '1';
    expect(await attemptsMade(sts())).toBe(1);
  });

  test('AWS_MAX_ATTEMPTS=2 sends twice', async () => {
    process.env.AWS_MAX_ATTEMPTS = '2';
    expect(await attemptsMade(sts())).toBe(2);
  });

  test('unset: the SDK default of 3 attempts', async () => {
    expect(await attemptsMade(sts())).toBe(3);
  });

  test('an explicit maxAttempts (a test, teardown) wins over the variable', async () => {
    process.env.AWS_MAX_ATTEMPTS = '3';
    expect(await attemptsMade(sts({ maxAttempts: 1 }))).toBe(1);
  });

  test('AWS_RETRY_MODE=adaptive reaches the client; standard by default', async () => {
    // The resolved config holds a provider (@smithy/types Provider<string>).
    const modeOf = async (client: STSClient) => {
      const mode = await (client.config.retryMode as () => Promise<string>)();
      client.destroy();
      return mode;
    };
    expect(await modeOf(sts())).toBe('standard');
    process.env.AWS_RETRY_MODE = 'adaptive';
    expect(await modeOf(sts())).toBe('adaptive');
  });
});

describe('never hang, never print', () => {
  test('an abort signal ends a call the endpoint never answers, at once', async () => {
    answer = 'never';
    const client = sts({ maxAttempts: 1 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    await expect(client.send(new GetCallerIdentityCommand({}), { abortSignal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1_500);
    client.destroy();
  });

  test('a request past its timeout is a TimeoutError, and the SDK writes nothing to the console', async () => {
    answer = 'never';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const client = sts({ maxAttempts: 1, requestTimeoutMs: 300 });
      await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
      client.destroy();
      expect(warn).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  test('clients log nowhere by default; a writer logger (--debug) gets warnings and errors as [sdk ...] lines', () => {
    const quiet = sts();
    expect(quiet.config.logger).toBe(silentLogger);
    quiet.destroy();
    const lines: string[] = [];
    const logger = writerLogger((line) => lines.push(line));
    const pool = new ClientPool({ region: 'us-east-1', credentials, endpoint: url, logger });
    expect(pool.get(STSClient).config.logger).toBe(logger);
    pool.destroy();
    logger.warn('a request has exceeded the configured 20000 ms requestTimeout');
    logger.debug('not shown without verbose');
    expect(lines).toEqual(['[sdk warn] a request has exceeded the configured 20000 ms requestTimeout\n']);
  });
});
