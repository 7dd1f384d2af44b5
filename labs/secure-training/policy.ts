// Judging an execution role's S3 reach from its policy documents, without the SDK: which Allow
// statements let the role read, write or list beyond the lab's prefixes, and which the checker
// cannot decide (a condition it does not evaluate, a Deny that may cut the grant).
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

/** One policy of the role, as IAM returns it (the document URL-encoded, RFC 3986). */
export interface RolePolicy {
  /** `inline policy 'x'` or `managed policy arn:...`, for findings. */
  readonly label: string;
  readonly document: string;
}

/** What the role may touch: objects under these prefixes of this bucket, and listing this bucket. */
export interface S3Scope {
  readonly partition: string;
  readonly bucket: string;
  readonly readPrefix: string;
  readonly writePrefix: string;
}

export interface S3Judgement {
  /** Grants that exceed the scope, each explained. */
  readonly overBroad: readonly string[];
  /** Grants that would exceed the scope but a condition or a Deny the checker does not evaluate may narrow. */
  readonly undecidable: readonly string[];
  /** Documents that are not JSON policies. */
  readonly unreadable: readonly string[];
  /** How many Allow statements grant some S3 object or list action, for the pass finding. */
  readonly s3Statements: number;
}

interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, unknown>;
}

/** The S3 actions whose reach R4 bounds, by what they do. */
const ACCESS = [
  { what: 'read', action: 's3:GetObject' },
  { what: 'write', action: 's3:PutObject' },
  { what: 'write', action: 's3:DeleteObject' },
  { what: 'list', action: 's3:ListBucket' },
] as const;
type Access = (typeof ACCESS)[number];

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM wildcards: `*` any run of characters, `?` one character. Actions match case-insensitively. */
function glob(pattern: string, flags = ''): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

const actionMatches = (pattern: string, action: string): boolean => glob(pattern, 'i').test(action);

function allowsAction(s: Statement, action: string): boolean {
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => actionMatches(p, action));
  return list(s.Action).some((p) => actionMatches(p, action));
}

/**
 * A policy document as GetRolePolicy and GetPolicyVersion return it: URL-encoded (RFC 3986), which
 * some SDKs decode and some do not; a document that is JSON already is taken as it is.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
 */
export function parsePolicyDocument(document: string): { Statement?: Statement | Statement[] } | undefined {
  const candidates = [document];
  try {
    candidates.unshift(decodeURIComponent(document));
  } catch {
    // not URL-encoded: a literal '%' in a JSON document
  }
  for (const text of candidates) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as { Statement?: Statement | Statement[] };
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

/** Where a resource pattern reaches, for an object action: within the allowed prefix, nowhere (not an object ARN), or beyond. */
function objectReach(resource: string, scope: S3Scope, prefix: string): 'within' | 'none' | 'beyond' {
  const s3 = `arn:${scope.partition}:s3:::`;
  // `arn:*:s3:::` and `arn:aws:s3:::` name the same objects in the role's partition.
  const normalised = resource.replace(/^arn:\*:s3:::/, s3);
  const wildcard = normalised.search(/[*?]/);
  const literal = wildcard < 0 ? normalised : normalised.slice(0, wildcard);
  const allowed = `${s3}${scope.bucket}/${prefix}`;
  // With or without the prefix's final slash (`.../train*`): the same keys in practice.
  if (literal.startsWith(allowed.replace(/\/$/, ''))) return 'within';
  if (wildcard < 0) return normalised.startsWith(s3) && normalised.slice(s3.length).includes('/') ? 'beyond' : 'none';
  // A wildcard reaches objects when the literal part before it can still become `arn:<p>:s3:::<bucket>/<key>`.
  if (s3.startsWith(literal) || literal.startsWith(s3)) return 'beyond';
  return 'none';
}

/** Whether a resource pattern names a bucket other than the lab bucket, for s3:ListBucket (which acts on bucket ARNs). */
function listReachesBeyond(resource: string, scope: S3Scope): boolean {
  const s3 = `arn:${scope.partition}:s3:::`;
  const normalised = resource.replace(/^arn:\*:s3:::/, s3);
  const wildcard = normalised.search(/[*?]/);
  if (wildcard < 0) return normalised.startsWith(s3) && !normalised.includes('/', s3.length) && normalised !== `${s3}${scope.bucket}`;
  const literal = normalised.slice(0, wildcard);
  // A '/' before the wildcard makes it an object pattern; otherwise the wildcard can spell other buckets' names.
  if (literal.startsWith(s3)) return !literal.includes('/', s3.length);
  return s3.startsWith(literal);
}

function describeReach(a: Access, resource: string, scope: S3Scope): string {
  const bucketArn = `arn:${scope.partition}:s3:::${scope.bucket}`;
  const everything = resource === '*' || /^arn:[^:]*:s3:::\*$/.test(resource);
  if (a.what === 'list') {
    return `lists the keys of buckets other than the lab bucket (${resource}); the job needs to list only ${bucketArn}, optionally narrowed with an s3:prefix condition on ${scope.readPrefix}`;
  }
  if (everything) {
    return a.what === 'read'
      ? `reads every object of every bucket in the account (${resource}), where the scenario allows only ${scope.readPrefix} of the lab bucket: one leaked job credential would expose all of it`
      : `writes or deletes objects in every bucket of the account (${resource}), where the scenario allows only ${scope.writePrefix} of the lab bucket`;
  }
  const inBucket = resource.startsWith(`${bucketArn}/`) || resource.startsWith(`arn:*:s3:::${scope.bucket}/`);
  if (a.what === 'read') {
    return inBucket
      ? `reads ${resource}, more of the lab bucket than its data prefix ${scope.readPrefix} (for example the model artefacts under ${scope.writePrefix}); the job reads only its training channel`
      : `reads objects outside the lab bucket (${resource}); the job reads only ${scope.readPrefix} of ${scope.bucket}`;
  }
  return inBucket
    ? `writes or deletes ${resource}, beyond the output prefix ${scope.writePrefix}: a buggy or compromised job could overwrite the training data under ${scope.readPrefix} and poison the next training run`
    : `writes or deletes objects outside the lab bucket (${resource}); the job writes only its model under ${scope.writePrefix} of ${scope.bucket}`;
}

/** Judges the role's policies against the scope. */
export function judgeS3Access(policies: readonly RolePolicy[], scope: S3Scope): S3Judgement {
  const overBroad: string[] = [];
  const undecidable: string[] = [];
  const unreadable: string[] = [];
  const denies: { label: string; statement: Statement }[] = [];
  // One grant per statement, kind of access and resource; its actions are gathered, so s3:* gives one finding per reach.
  const grants = new Map<string, { where: string; statement: Statement; actions: string[]; reach: (actions: string) => string }>();
  let s3Statements = 0;

  for (const policy of policies) {
    const document = parsePolicyDocument(policy.document);
    if (!document) {
      unreadable.push(`${policy.label} is not a JSON policy document`);
      continue;
    }
    const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
    statements.forEach((statement, i) => {
      const where = `${policy.label}, statement ${statement.Sid ? `'${statement.Sid}'` : i + 1}`;
      if (statement.Effect === 'Deny') {
        denies.push({ label: where, statement });
        return;
      }
      if (statement.Effect !== 'Allow') return;
      const actions = ACCESS.filter((a) => allowsAction(statement, a.action));
      if (actions.length === 0) return;
      s3Statements += 1;
      const grant = (key: string, action: string, reach: (actions: string) => string) => {
        const id = `${where}|${key}`;
        const found = grants.get(id);
        if (found) found.actions.push(action);
        else grants.set(id, { where, statement, actions: [action], reach });
      };
      for (const a of actions) {
        const prefix = a.what === 'read' ? scope.readPrefix : scope.writePrefix;
        if (statement.NotResource !== undefined) {
          const beyond = a.what === 'list' ? 'the lab bucket' : `${prefix} of the lab bucket`;
          grant(`${a.what}|NotResource`, a.action, (acts) => `allows ${acts} on every resource except ${list(statement.NotResource).join(', ')} (NotResource), far beyond ${beyond}`);
          continue;
        }
        for (const resource of list(statement.Resource)) {
          const beyond = a.what === 'list' ? listReachesBeyond(resource, scope) : objectReach(resource, scope, prefix) === 'beyond';
          if (beyond) grant(`${a.what}|${resource}`, a.action, (acts) => `allows ${acts}: it ${describeReach(a, resource, scope)}`);
        }
      }
    });
  }

  for (const g of grants.values()) {
    const text = `${g.where} ${g.reach(g.actions.join(' and '))}.`;
    const conditions = Object.keys(g.statement.Condition ?? {});
    const deny = denies.find((d) => g.actions.some((action) => allowsAction(d.statement, action)));
    if (conditions.length > 0) {
      undecidable.push(`${text} Its condition (${conditions.join(', ')}) may narrow that, and the checker does not evaluate conditions, so it cannot decide: scope the statement's Resource itself.`);
    } else if (deny) {
      undecidable.push(`${text} ${deny.label} denies ${g.actions.filter((action) => allowsAction(deny.statement, action)).join(' and ')} on some resources, and the checker does not evaluate how a Deny cuts an Allow, so it cannot decide: scope the Allow's Resource itself.`);
    } else {
      overBroad.push(text);
    }
  }
  return { overBroad, undecidable, unreadable, s3Statements };
}
