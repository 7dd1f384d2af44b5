// `mllab selftest streaming-ingest --offline`: the whole selftest on loopback. kinesalite and s3rver
// play the stack's stream and delivery bucket; CloudFormation and Firehose, which no emulator serves,
// are answered from the lab's cassettes, as the demo does: the untouched stack's delivery stream from
// fail-stack-defaults.json (the stack as deployed), the solved one from pass.json.
import { join } from 'node:path';
import { DeleteStreamCommand, KinesisClient, ListStreamsCommand, waitUntilStreamNotExists } from '@aws-sdk/client-kinesis';
import { DeleteBucketCommand, DeleteObjectsCommand, ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadCassette, recordingTransport, replayTransport } from '../../lib/cassette';
import { CheckSession, liveTransport } from '../../lib/check/session';
import { emulatorClient, startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../lib/emulators';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { createClient } from '../../lib/aws/clients';
import type { OnlineSolution, SelftestDriver } from '../../lib/selftest';
import { applyState, ARRIVAL, createStackResources, EVENT_COUNT, resourcesFrom, SESSIONS, type EmulatedResources } from './emulated';
import { MAX_BUFFER_INTERVAL_SECONDS } from './lab';
import { clickEvents, produceClickEvents, shapeDelivery } from './solution';

/** The services no emulator serves, answered from the cassettes. */
const REPLAYED = ['CloudFormation', 'Firehose'] as const;

export function offlineDriver(labDir: string): SelftestDriver {
  const cassettes = {
    untouched: loadCassette(join(labDir, 'cassettes', 'fail-stack-defaults.json')),
    solved: loadCassette(join(labDir, 'cassettes', 'pass.json')),
  };
  const resources: EmulatedResources = resourcesFrom(cassettes.solved);
  const emulators: RunningEmulator[] = [];
  let endpoints: { kinesis: string; s3: string } | undefined;
  let restore: (() => void) | undefined;
  const ready = () => {
    if (!endpoints) throw new Error('the emulators are not running');
    return endpoints;
  };
  return {
    where: `offline: kinesalite and s3rver on 127.0.0.1; CloudFormation and Firehose answered from the lab's cassettes`,
    async deploy() {
      const [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
      emulators.push(kinesalite, s3rver);
      endpoints = { kinesis: kinesalite.endpoint, s3: s3rver.endpoint };
      restore = useEmulatorEnvironment(endpoints);
      await createStackResources(endpoints, resources);
      return `stream ${resources.streamName} and bucket ${resources.deliveryBucketName} on ${kinesalite.endpoint} and ${s3rver.endpoint}`;
    },
    session(state, record) {
      const replay = replayTransport(cassettes[state], { services: [...REPLAYED], fallback: liveTransport, source: state === 'untouched' ? 'fail-stack-defaults.json' : 'pass.json' });
      const recorder = record ? recordingTransport(replay, cassettes[state].region) : undefined;
      const session = new CheckSession({ region: cassettes[state].region, transport: recorder ?? replay, maxAttempts: 1 });
      return { session, ...(recorder ? { recorded: () => recorder.cassette() } : {}) };
    },
    async solve() {
      const { records, objectKey } = await applyState(ready(), resources, 'reference');
      return `${records} click events produced; Firehose's delivery played as ${objectKey}`;
    },
    async wait() {
      return 'nothing to wait for: the emulators answer at once';
    },
    async teardown() {
      const kinesis = emulatorClient(KinesisClient, ready().kinesis);
      const s3 = emulatorClient(S3Client, ready().s3);
      try {
        await kinesis.send(new DeleteStreamCommand({ StreamName: resources.streamName }));
        // kinesalite, like Kinesis, keeps a deleted stream DELETING for a moment.
        await waitUntilStreamNotExists({ client: kinesis, maxWaitTime: 20, minDelay: 1, maxDelay: 2 }, { StreamName: resources.streamName });
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: resources.deliveryBucketName }));
        const keys = (listed.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (keys.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: resources.deliveryBucketName, Delete: { Objects: keys } }));
        await s3.send(new DeleteBucketCommand({ Bucket: resources.deliveryBucketName }));
        return `stream ${resources.streamName} deleted; bucket ${resources.deliveryBucketName} emptied (${keys.length} objects) and deleted`;
      } finally {
        kinesis.destroy();
        s3.destroy();
      }
    },
    async sweep() {
      const kinesis = emulatorClient(KinesisClient, ready().kinesis);
      const s3 = emulatorClient(S3Client, ready().s3);
      try {
        const streams = (await kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [];
        const buckets = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!);
        return [...streams.filter((s) => s === resources.streamName).map((s) => `stream ${s}`), ...buckets.filter((b) => b === resources.deliveryBucketName).map((b) => `bucket ${b}`)];
      } finally {
        kinesis.destroy();
        s3.destroy();
      }
    },
    async close() {
      restore?.();
      await Promise.all(emulators.map((e) => e.stop()));
    },
  };
}

/** Firehose delivers within its buffering interval once records arrive; the wait gives it ten times that. */
export const DELIVERY_WAIT_MS = 10 * MAX_BUFFER_INTERVAL_SECONDS * 1000;
const POLL_MS = 15_000;

/** In a real account: the delivery stream reshaped, the click events produced, then the wait for Firehose's first object. */
export const onlineSolution: OnlineSolution = {
  async solve(region, outputs, profile) {
    const auth = { region, ...(profile ? { profile } : {}) };
    const firehose = createClient(FirehoseClient, auth);
    const kinesis = createClient(KinesisClient, auth);
    try {
      await shapeDelivery(firehose, outputs.DeliveryStreamName!);
      // Records must arrive after the delivery stream took its new shape, so they are dated now.
      const events = clickEvents(EVENT_COUNT, SESSIONS, new Date(Math.max(Date.now(), ARRIVAL.getTime())));
      await produceClickEvents(kinesis, outputs.StreamName!, events);
      return `delivery stream ${outputs.DeliveryStreamName} reshaped; ${events.length} click events produced to ${outputs.StreamName}`;
    } finally {
      firehose.destroy();
      kinesis.destroy();
    }
  },
  async wait(region, outputs, profile) {
    const s3 = createClient(S3Client, { region, ...(profile ? { profile } : {}) });
    const started = Date.now();
    try {
      for (;;) {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: outputs.DeliveryBucketName!, Prefix: 'clickstream/year=', MaxKeys: 1 }));
        if ((listed.KeyCount ?? 0) > 0) return `Firehose delivered ${listed.Contents![0]!.Key} after ${Math.round((Date.now() - started) / 1000)} s`;
        if (Date.now() - started > DELIVERY_WAIT_MS) throw new Error(`Firehose delivered nothing under clickstream/ within ${DELIVERY_WAIT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      s3.destroy();
    }
  },
};
