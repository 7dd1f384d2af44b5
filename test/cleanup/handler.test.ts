import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { DescribeDomainCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { isComplete, onEvent, type CleanupEvent } from '../../lib/cleanup/handler';
import { CleanupProvider } from '../../lib/environments/cleanup-provider';
import { awsError } from '../support/check-harness';

const sm = mockClient(SageMakerClient);
const event = (RequestType: CleanupEvent['RequestType'], props: Partial<CleanupEvent['ResourceProperties']> = {}): CleanupEvent => ({
  RequestType,
  LogicalResourceId: 'AppsCleanup',
  PhysicalResourceId: RequestType === 'Create' ? undefined : 'mllab-cleanup-studio-apps-AppsCleanup',
  ResourceProperties: { Kind: 'studio-apps', DomainId: 'd-lab1', ...props },
});

beforeEach(() => sm.reset());

describe('clean-up handler', () => {
  it('keeps the physical id on update, so an update never triggers a clean-up of the live domain', async () => {
    expect(await onEvent(event('Create'))).toEqual({ PhysicalResourceId: 'mllab-cleanup-studio-apps-AppsCleanup' });
    expect(await onEvent(event('Update'))).toEqual({ PhysicalResourceId: 'mllab-cleanup-studio-apps-AppsCleanup' });
  });

  it('does nothing on create and update', async () => {
    expect(await isComplete(event('Create'))).toEqual({ IsComplete: true });
    expect(await isComplete(event('Update'))).toEqual({ IsComplete: true });
    expect(sm.calls()).toHaveLength(0);
  });

  it('runs one pass of the named step on delete', async () => {
    sm.on(DescribeDomainCommand).rejects(awsError('ResourceNotFound'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await isComplete(event('Delete'))).toEqual({ IsComplete: true });
    expect(sm).toHaveReceivedCommandWith(DescribeDomainCommand, { DomainId: 'd-lab1' });
  });

  it('fails when a required property is missing', async () => {
    await expect(isComplete(event('Delete', { Kind: 'studio-vpc' }))).rejects.toThrow('property VpcId is required');
  });
});

describe('the clean-up Lambda asset', () => {
  // The compiled folder is uploaded as it is: anything else from this repo would be missing at run time.
  const folder = join(__dirname, '..', '..', 'lib', 'cleanup');

  it('imports only SDK v3 clients the Lambda Node.js runtime ships, and its own modules', () => {
    const imports = readdirSync(folder)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(folder, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!));
    expect(imports.length).toBeGreaterThan(10);
    for (const spec of imports) expect(spec).toMatch(/^(\.\/[a-z-]+|@aws-sdk\/client-[a-z0-9-]+)$/);
  });

  it('holds only the clean-up modules, the handler the functions name among them', () => {
    const files = readdirSync(folder);
    expect(files.filter((f) => !/^[a-z-]+\.ts$/.test(f) || f.endsWith('.d.ts'))).toEqual([]);
    expect(files).toContain('handler.ts');
  });

  it('is exactly that folder when the stack stages it', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'mllab-cleanup-asset-'));
    try {
      const provider = CleanupProvider.of(new Stack(new App({ outdir }), 'CleanupAsset'));
      // One Code object serves both functions; the first function it is bound to holds the asset.
      const asset = provider.onEventFunction.node.findChild('Code') as s3assets.Asset;
      expect(readdirSync(join(outdir, asset.assetPath)).sort()).toEqual(readdirSync(folder).sort());
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
