// Over the wire against s3rver: the shipped data land where the reference jobs' channels read
// them, and each channel prefix holds exactly its own file (a train prefix never picks up the test
// or validation data).
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../../../labs/algorithm-choice/data-spec';
import { referenceJobs, uploadDatasets } from '../../../labs/algorithm-choice/solution';
import { useS3rverBucket } from '../../support/emulators';
import { BUCKET, solutionOptions } from './fixtures';

const labDir = join(__dirname, '../../../labs/algorithm-choice');
const s3 = useS3rverBucket(BUCKET);

function parseS3(uri: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!;
  return { bucket: match[1]!, prefix: match[2]! };
}

test('every shipped file is uploaded under its dataset prefix, byte for byte', async () => {
  const keys = await uploadDatasets(s3(), BUCKET, labDir);
  expect(keys).toEqual(Object.values(DATA_FILES).map((f) => f.replace(/^data\/(demand|tickets|prices)\//, (_m, p: string) => `datasets/${p}/`)).sort());
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'datasets/' }));
  for (const file of Object.values(DATA_FILES)) {
    const key = file.replace(/^data\//, 'datasets/');
    expect(listed.Contents!.find((o) => o.Key === key)?.Size).toBe(statSync(join(labDir, file)).size);
  }
});

test('each channel of each reference job reads exactly one shipped file', async () => {
  for (const job of referenceJobs(solutionOptions)) {
    for (const channel of job.InputDataConfig!) {
      const { bucket, prefix } = parseS3(channel.DataSource!.S3DataSource!.S3Uri!);
      const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual([expect.stringMatching(new RegExp(`^${prefix}${channel.ChannelName}\\.(json|txt|csv)$`))]);
    }
  }
});
