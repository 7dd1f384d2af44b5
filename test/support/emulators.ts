// kinesalite and s3rver for a wire test: started on loopback around the calling file's (or
// describe block's) tests, the SDK pointed at them through its environment variables, and an SDK
// client of each for the test's own set-up (creating streams, uploading objects).
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { emulatorClient, startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../lib/emulators';

export interface EmulatorOptions {
  readonly kinesis?: boolean;
  readonly s3?: boolean;
  /** Fresh emulators for every test (beforeEach) instead of one pair for all (beforeAll). */
  readonly perTest?: boolean;
}

export interface Emulators {
  /** The endpoints of the running emulators. */
  endpoints(): { kinesis?: string; s3?: string };
  /** A client of kinesalite, valid inside the tests. */
  kinesis(): KinesisClient;
  /** A client of s3rver (path-style, the emulator's credentials), valid inside the tests. */
  s3(): S3Client;
}

export function useEmulators(options: EmulatorOptions): Emulators {
  let kinesalite: RunningEmulator | undefined;
  let s3rver: RunningEmulator | undefined;
  let kinesis: KinesisClient | undefined;
  let s3: S3Client | undefined;
  let restore: (() => void) | undefined;
  const [before, after] = options.perTest ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    [kinesalite, s3rver] = await Promise.all([options.kinesis ? startKinesalite() : undefined, options.s3 ? startS3rver() : undefined]);
    restore = useEmulatorEnvironment({ kinesis: kinesalite?.endpoint, s3: s3rver?.endpoint });
  });
  after(async () => {
    kinesis?.destroy();
    s3?.destroy();
    kinesis = s3 = undefined;
    restore?.();
    await Promise.all([kinesalite?.stop(), s3rver?.stop()]);
  });
  const running = (emulator: RunningEmulator | undefined, name: string) => {
    if (!emulator) throw new Error(`${name} is not running: ask useEmulators for it, and use it inside a test or hook`);
    return emulator.endpoint;
  };
  // Clients are created on first use, after the emulators started.
  return {
    endpoints: () => ({ kinesis: kinesalite?.endpoint, s3: s3rver?.endpoint }),
    kinesis: () => (kinesis ??= emulatorClient(KinesisClient, running(kinesalite, 'kinesalite'))),
    s3: () => (s3 ??= emulatorClient(S3Client, running(s3rver, 's3rver'))),
  };
}

/** s3rver with `bucket` created, for the calling file or describe block; returns its S3 client getter. */
export function useS3rverBucket(bucket: string): () => S3Client {
  const emulators = useEmulators({ s3: true });
  beforeAll(async () => {
    await emulators.s3().send(new CreateBucketCommand({ Bucket: bucket }));
  });
  return emulators.s3;
}
