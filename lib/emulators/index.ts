// Local emulators for the demo and the wire-level tests: kinesalite (Kinesis) and s3rver (S3),
// both listening on 127.0.0.1 only, on a free port, and stopped by whoever started them.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SdkClient, type SdkClientClass } from '../aws/clients';

export const LOOPBACK = '127.0.0.1';

/** Credentials s3rver accepts (it checks them); kinesalite accepts any. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** An SDK client of one emulator (the emulators' credentials, HTTP/1.1, path-style S3), for seeding it. */
export function emulatorClient<C extends SdkClient>(clientClass: SdkClientClass<C>, endpoint: string): C {
  return createClient(clientClass, { region: 'us-east-1', credentials: EMULATOR_CREDENTIALS, endpoint });
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections?.();
  });
}

/**
 * The emulators are development dependencies: a clone has them after `npm ci`, an installed package
 * does not, and then says so in one sentence instead of a module-resolution stack.
 */
function devDependency(name: 'kinesalite' | 's3rver'): any {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name);
  } catch (err: any) {
    if (err?.code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error(`${name}, the loopback emulator this needs, is a development dependency and is not installed here: run it from a clone of aws-ml-labs after \`npm ci\``);
  }
}

/** kinesalite in memory, streams become ACTIVE at once. */
export async function startKinesalite(): Promise<RunningEmulator> {
  const kinesalite = devDependency('kinesalite');
  const server: Server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The CLI has no host option and would listen on every interface: listen from code instead.
    server.listen(0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://${LOOPBACK}:${port}`, stop: () => closeServer(server) };
}

/** s3rver on a throw-away directory, removed on stop. Path-style only (forcePathStyle: true). */
export async function startS3rver(): Promise<RunningEmulator> {
  const S3rver = devDependency('s3rver');
  const directory = mkdtempSync(join(tmpdir(), 'mllab-s3rver-'));
  const s3rver = new S3rver({ address: LOOPBACK, port: 0, silent: true, directory, vhostBuckets: false });
  const address = (await s3rver.run()) as AddressInfo;
  return {
    endpoint: `http://${LOOPBACK}:${address.port}`,
    stop: async () => {
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Points the SDK at the emulators through its own environment variables (DESIGN.md), and
 * returns a function that restores the previous environment.
 */
export function useEmulatorEnvironment(endpoints: { kinesis?: string; s3?: string }): () => void {
  const keys = ['AWS_ENDPOINT_URL_KINESIS', 'AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  if (endpoints.kinesis) process.env.AWS_ENDPOINT_URL_KINESIS = endpoints.kinesis;
  if (endpoints.s3) process.env.AWS_ENDPOINT_URL_S3 = endpoints.s3;
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
