// The safety core of teardown: what it may touch, and why. A resource no rule here claims is never
// listed, so never deleted. Every kind asks here (kinds/*.ts `list`); nothing else decides.
import type { StackResourceSummary, Tag } from '@aws-sdk/client-cloudformation';
import type { LabManifest } from '../model';
import { labStackName, MANAGED_BY_VALUE, TAG_LAB, TAG_MANAGED_BY } from '../model';
import type { TeardownKind } from './kinds';

/** Why teardown may touch a resource: nothing else is ever touched. */
export type Claim =
  /** A resource of the lab stack `MlLab-<lab-id>`. */
  | 'stack'
  /** Carries the tag `mllab:lab=<lab-id>`. */
  | 'tag'
  /** Named by the lab's `learnerResources`. */
  | 'name'
  /** Lives inside a claimed resource (a consumer of a lab stream, an app of a lab domain, ...). */
  | 'inside'
  /** Named after the lab stack by a service at run time (`/aws/lambda/MlLab-<lab-id>-...`). */
  | 'stack-name';

export interface Owner {
  readonly claim: Claim;
  /** What claims it, for the plan: `stack MlLab-x`, `tag mllab:lab=x`, `name prefix 'x-'`, `in stream s`. */
  readonly why: string;
  /** Removed by the stack's own deletion: planned (it bills until then), not deleted one by one. */
  readonly removedWithStack?: boolean;
}

/** What teardown needs of a lab or an environment stack (`env-<environment>`, which names no learner resources). */
export type LabScope = Pick<LabManifest, 'id' | 'learnerResources'>;

/**
 * Whether a stack is one mllab created: its name says only what it is called, and anyone can call a
 * stack `MlLab-x`. mllab deploys every lab and environment stack with the stack tag
 * `mllab:managed-by=aws-ml-labs` (lib/stack/tagging.ts), which DescribeStacks returns in `Stack.Tags`
 * (ListStacks' summaries carry no tags: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html).
 */
export function isManagedStack(tags: readonly Tag[] | undefined): boolean {
  return (tags ?? []).some((t) => t.Key === TAG_MANAGED_BY && t.Value === MANAGED_BY_VALUE);
}

/** Why teardown leaves a stack of the lab's name alone. */
export function notManagedReason(stackName: string): string {
  return `stack ${stackName} does not carry the tag ${TAG_MANAGED_BY}=${MANAGED_BY_VALUE} that mllab puts on its stacks: not created by mllab, never touched`;
}

export interface StackInfo {
  readonly name: string;
  /** Resources not yet deleted, as CloudFormation lists them. */
  readonly resources: readonly StackResourceSummary[];
}

/** The parts of an ARN teardown reads (`arn:partition:service:region:account:resource`). */
export interface ParsedArn {
  readonly service: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceName: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service, region, , ...rest] = parts;
  const resource = rest.join(':');
  // Resource part forms: `type/name`, `type:name` (logs), or `name` (S3 buckets).
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  const cut = slash >= 0 && (colon < 0 || slash < colon) ? slash : colon;
  if (cut < 0) return { service: service!, region: region!, resourceType: '', resourceName: resource };
  let name = resource.slice(cut + 1);
  // CloudWatch Logs ARNs of log groups end in `:*`.
  if (service === 'logs') name = name.replace(/:\*$/, '');
  return { service: service!, region: region!, resourceType: resource.slice(0, cut), resourceName: name };
}

/** `service:resource-type` of an ARN (`s3:` for a bucket), as kinds declare it in `arnType`. */
function arnTypeOf(arn: ParsedArn): string {
  return `${arn.service}:${arn.resourceType}`;
}

/** Every physical id of the stack's resources, as CloudFormation gives it and as the name inside an ARN. */
export function stackPhysicalIds(stack: StackInfo | undefined): Set<string> {
  const ids = new Set<string>();
  for (const r of stack?.resources ?? []) {
    if (!r.PhysicalResourceId) continue;
    ids.add(r.PhysicalResourceId);
    ids.add(physicalName(r.PhysicalResourceId));
  }
  return ids;
}

function physicalName(id: string): string {
  return id.startsWith('arn:') ? parseArn(id)?.resourceName ?? id : id;
}

/**
 * Resources whose insides belong to the lab (their objects, consumers, apps, tables, queries, the
 * leftovers in a VPC): a resource of the stack of `stackType`, or an ARN of `arnType` tagged for the lab.
 */
const CONTAINERS = {
  bucket: { stackType: 'AWS::S3::Bucket', arnType: 's3:' },
  stream: { stackType: 'AWS::Kinesis::Stream', arnType: 'kinesis:stream' },
  domain: { stackType: 'AWS::SageMaker::Domain', arnType: 'sagemaker:domain' },
  database: { stackType: 'AWS::Glue::Database', arnType: 'glue:database' },
  workgroup: { stackType: 'AWS::Athena::WorkGroup', arnType: 'athena:workgroup' },
  /** Where SageMaker leaves a home EFS and NFS security groups CloudFormation never deletes. */
  vpc: { stackType: 'AWS::EC2::VPC' },
} as const satisfies Record<string, { readonly stackType: string; readonly arnType?: string }>;

export type ContainerType = keyof typeof CONTAINERS;

const containerOf = (field: 'stackType' | 'arnType', value: string | undefined): ContainerType | undefined =>
  (Object.keys(CONTAINERS) as ContainerType[]).find((type) => (CONTAINERS[type] as { stackType: string; arnType?: string })[field] === value);

export interface ClaimsInput {
  readonly lab: LabScope;
  /** Undefined when the stack does not exist (never deployed, or already destroyed). */
  readonly stack?: StackInfo;
  /** Every ARN carrying `mllab:lab`, by lab id (`taggedArnsByLab`). */
  readonly tagged: ReadonlyMap<string, readonly string[]>;
  /** The kind of a tagged ARN by its `service:resource-type` (the kinds' `arnType`). */
  readonly taggable: ReadonlyMap<string, TeardownKind>;
  /**
   * Physical ids of a stack destroyed in this run: the tagging API lists deleted resources for a
   * while, and CloudFormation already confirmed these gone.
   */
  readonly formerStackIds?: ReadonlySet<string>;
  /**
   * Lab ids this build knows besides this one: a lab whose id extends this one's (`a-b` for `a`)
   * shares its helper log-group prefix, and its groups are not this lab's.
   */
  readonly otherLabIds?: readonly string[];
  /**
   * A stack of the lab's name exists that mllab did not create (`isManagedStack`): the log groups
   * named after that stack are its functions', not the lab's.
   */
  readonly foreignStack?: boolean;
}

const LAMBDA_LOG_GROUP_PREFIX = '/aws/lambda/';

export class Claims {
  private readonly lab: LabScope;
  private readonly stackIds = new Set<string>();
  /** Physical names of the stack's resources by CloudFormation type. */
  private readonly stackByType = new Map<string, string[]>();
  /** Lower-cased names tagged for this lab, by kind (SageMaker ARNs carry names lower-cased). */
  private readonly tagged = new Map<TeardownKind, Set<string>>();
  /** Lower-cased names tagged for another lab, by kind. */
  private readonly otherLabs = new Map<TeardownKind, Set<string>>();
  private readonly insides = new Map<ContainerType, Map<string, Owner>>();
  /** Other labs whose stack name extends this lab's (`MlLab-a-b` for lab `a`): their helper log groups share the prefix. */
  private readonly longerLabIds: readonly string[];
  private readonly foreignStack: boolean;
  private readonly unhandled: string[] = [];

  constructor(input: ClaimsInput) {
    const { lab } = input;
    this.lab = lab;
    this.foreignStack = input.foreignStack ?? false;
    this.longerLabIds = [...new Set([...input.tagged.keys(), ...(input.otherLabIds ?? [])])].filter((id) => id.startsWith(`${lab.id}-`));
    // The stack first: its claim is the strongest, and `open` never replaces an owner.
    const byStack: Owner = { claim: 'stack', why: `stack ${labStackName(lab.id)}` };
    for (const r of input.stack?.resources ?? []) {
      if (!r.PhysicalResourceId) continue;
      const name = physicalName(r.PhysicalResourceId);
      this.stackIds.add(r.PhysicalResourceId).add(name);
      if (!r.ResourceType) continue;
      this.stackByType.set(r.ResourceType, [...(this.stackByType.get(r.ResourceType) ?? []), name]);
      const container = containerOf('stackType', r.ResourceType);
      if (container) this.open(container, name, byStack);
    }
    const byTag: Owner = { claim: 'tag', why: `tag ${TAG_LAB}=${lab.id}` };
    const former = input.formerStackIds ?? new Set<string>();
    for (const [labId, arns] of input.tagged) {
      for (const arn of arns) {
        const parsed = parseArn(arn);
        if (!parsed) continue;
        const kind = input.taggable.get(arnTypeOf(parsed));
        const name = parsed.resourceName;
        if (labId !== lab.id) {
          if (kind) addTo(this.otherLabs, kind, name.toLowerCase());
          continue;
        }
        const container = containerOf('arnType', arnTypeOf(parsed));
        if (kind) addTo(this.tagged, kind, name.toLowerCase());
        if (container) this.open(container, name, byTag);
        if (!kind && !container && ![arn, name].some((id) => this.stackIds.has(id) || former.has(id))) this.unhandled.push(arn);
      }
    }
  }

  /**
   * ARNs tagged for the lab of a type no kind handles and not part of the stack: reported, never
   * touched, so the learner can remove them by hand.
   */
  get unhandledTagged(): readonly string[] {
    return this.unhandled;
  }

  /** Why the lab may touch a top-level resource of this kind, or undefined when it may not. */
  of(kind: TeardownKind, name: string): Owner | undefined {
    if (this.stackIds.has(name)) return { claim: 'stack', why: `stack ${labStackName(this.lab.id)}`, removedWithStack: true };
    if (this.tagged.get(kind)?.has(name.toLowerCase())) return { claim: 'tag', why: `tag ${TAG_LAB}=${this.lab.id}` };
    // A name match never overrides another lab's tag: two labs may declare overlapping prefixes.
    if (this.otherLabs.get(kind)?.has(name.toLowerCase())) return undefined;
    const named = (this.lab.learnerResources ?? []).find((l) => l.kind === kind && (l.match === 'prefix' ? name.startsWith(l.name) : name === l.name));
    if (named) return { claim: 'name', why: named.match === 'prefix' ? `name prefix '${named.name}'` : `name '${named.name}'` };
    return undefined;
  }

  /**
   * A log group Lambda created for a function of the lab stack: CloudFormation names such a
   * function `<stack name>-<logical id>-<suffix>` and Lambda logs to `/aws/lambda/<function name>`
   * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html).
   */
  stackLambdaLogGroup(name: string): Owner | undefined {
    const prefixOf = (labId: string) => `${LAMBDA_LOG_GROUP_PREFIX}${labStackName(labId)}-`;
    if (this.foreignStack || !name.startsWith(prefixOf(this.lab.id))) return undefined;
    if (this.longerLabIds.some((id) => name.startsWith(prefixOf(id)))) return undefined;
    return { claim: 'stack-name', why: `name prefix '${prefixOf(this.lab.id)}'` };
  }

  /** The lab's containers of one type (name -> owner), from the stack, the tag, or a claimed resource that opens one. */
  containers(type: ContainerType): ReadonlyMap<string, Owner> {
    return this.insides.get(type) ?? new Map();
  }

  /** Makes a claimed resource a container of the lab; the first owner stays (the stack's is the strongest). */
  open(type: ContainerType, name: string, owner: Owner): void {
    const map = this.insides.get(type) ?? new Map<string, Owner>();
    if (!map.has(name)) map.set(name, { claim: owner.claim, why: owner.why });
    this.insides.set(type, map);
  }

  /** The stack's resources of one CloudFormation type, by physical name. */
  stackNames(type: string): readonly string[] {
    return this.stackByType.get(type) ?? [];
  }

  /** Whether anything of this kind carries the lab's tag (its name may then follow no declared pattern). */
  hasTagged(kind: TeardownKind): boolean {
    return (this.tagged.get(kind)?.size ?? 0) > 0;
  }
}

function addTo<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  map.set(key, (map.get(key) ?? new Set()).add(value));
}
