// The MlLab-class Lambda functions' entry point, bundled by the CDK (NodejsFunction, esbuild) from this
// file: the lab registries and the AWS clients around lib/class/lambda.ts. Each lab's checks load
// only when a child execution asks for that lab (labs/checks.ts).
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadChecks } from '../../labs/checks';
import { findLab } from '../../labs/index';
import { createClient } from '../aws/clients';
import { stsAssumeRole } from './check';
import { buildScoreboard, checkLearner, type LearnerEvent, type ScoreboardEvent } from './lambda';

/** Set by the stack on both functions. */
const ENV = { secretArn: 'EXTERNAL_ID_SECRET_ARN', bucket: 'CLASS_BUCKET' } as const;

const region = (): string => process.env.AWS_REGION ?? 'us-east-1';
let externalId: Promise<string> | undefined;
let s3: S3Client | undefined;

/** The class's external id, read once per execution environment and never logged or returned. */
function classExternalId(): Promise<string> {
  externalId ??= (async () => {
    const arn = process.env[ENV.secretArn];
    if (!arn) throw new Error(`${ENV.secretArn} is not set`);
    const client = createClient(SecretsManagerClient, { region: region() });
    try {
      const secret = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (!secret.SecretString) throw new Error('the external id secret has no value: run `mllab class deploy` again');
      return secret.SecretString.trim();
    } finally {
      client.destroy();
    }
  })();
  // A failed read is not kept: the next invocation tries again.
  externalId.catch(() => (externalId = undefined));
  return externalId;
}

export async function checkLearnerHandler(event: LearnerEvent): Promise<unknown> {
  const sts = stsAssumeRole(event.lab, { externalId: await classExternalId(), maxAttempts: 3 });
  try {
    return await checkLearner(event, { manifest: findLab, checks: loadChecks, assumeRole: sts.assumeRole });
  } finally {
    sts.destroy();
  }
}

export async function buildScoreboardHandler(event: ScoreboardEvent & { readonly runId: string }): Promise<unknown> {
  s3 ??= createClient(S3Client, { region: region() });
  const client = s3;
  const board = await buildScoreboard(event, {
    manifest: findLab,
    now: () => Date.now(),
    getJson: async (bucket, key) => JSON.parse(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString()),
  });
  const bucket = process.env[ENV.bucket] ?? event.resultWriterDetails.Bucket;
  const key = `scoreboards/${event.runId}.json`;
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(board), ContentType: 'application/json' }));
  return { scoreboardKey: key, summary: board.summary };
}
