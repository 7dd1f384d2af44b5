// The check runtime's contract: what a check receives and what it returns. The lab manifest (what a
// requirement is, what it reads) is lib/model's; a lab's checks, keyed by its requirement ids, are this.
import type { SdkClient, SdkClientClass } from '../aws/clients';
import type { LabManifest, RequirementId, StackOutputKey } from '../model';

export type { SdkClient, SdkClientClass } from '../aws/clients';

export type RequirementStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** What a check decides. A check returns this; it never throws on purpose. */
export interface CheckVerdict {
  readonly status: 'pass' | 'fail' | 'error';
  /** Sentences that teach: what was found, what the scenario asks, why it matters. */
  readonly findings: readonly string[];
}

/**
 * The client of a service as a check sees it: typed as, and `instanceof`, the SDK client class, so
 * the SDK's `paginateX({ client }, input)` helpers accept it; but its `send` only sends the calls
 * the current requirement declared (read-only, memoised), and it owns no connection of its own.
 */
export type ReadOnlyClient<C extends SdkClient = SdkClient> = C;

/** What a check receives. */
export interface CheckContext {
  readonly region: string;
  readonly lab: LabManifest;
  /** Aborted when the requirement's timeout expires. */
  readonly signal: AbortSignal;
  /** The client for a service, restricted to this requirement's declared reads. */
  client<C extends SdkClient>(clientClass: SdkClientClass<C>): ReadOnlyClient<C>;
  /**
   * A stack output of the lab stack `MlLab-<lab-id>` (see `STACK_OUTPUTS`), read with
   * CloudFormation DescribeStacks once per run. Throws when the stack or the output is missing;
   * the runtime turns that into a failed requirement that says to deploy the lab.
   */
  stackOutput(key: StackOutputKey): Promise<string>;
}

/** One requirement's check. */
export type Check = (ctx: CheckContext) => Promise<CheckVerdict>;

/**
 * A lab's checks, one per requirement id of its manifest: a missing or an extra id fails to compile
 * (for a manifest built with `defineLab`, whose ids are literal types).
 */
export type LabChecks<L extends LabManifest = LabManifest> = { readonly [K in RequirementId<L>]: Check };
