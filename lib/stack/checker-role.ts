import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from '../environments/nag';
import { checkerRoleName, type LabManifest } from '../model';
import { checkerPolicy } from '../policy';

export interface CheckerRoleProps {
  readonly lab: LabManifest;
  /** The instructor's account id, the only principal the role trusts. */
  readonly instructorAccount: string;
  /** Required by the trust policy (sts:ExternalId): the confused-deputy guard of a third party's role. */
  readonly externalId: string;
}

/**
 * `mllab-checker-<lab>`: the role an instructor assumes to check a learner's lab. Its permissions are
 * exactly `mllab policy --lab <lab>` (read-only, generated from the lab's declared reads); its trust
 * allows only the instructor's account, and only with the external id
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
 */
export class CheckerRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: CheckerRoleProps) {
    super(scope, id);
    const policy = checkerPolicy([props.lab], { partition: Aws.PARTITION, region: Aws.REGION });
    this.role = new iam.Role(this, 'Resource', {
      roleName: checkerRoleName(props.lab.id),
      description: `aws-ml-labs: read-only checks of lab ${props.lab.id} for the instructor's account`,
      assumedBy: new iam.AccountPrincipal(props.instructorAccount).withConditions({ StringEquals: { 'sts:ExternalId': props.externalId } }),
      // A class check takes seconds; the shortest session IAM allows is an hour (API_CreateRole, MaxSessionDuration).
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: { Checks: iam.PolicyDocument.fromJson(policy) },
    });
    // cdk-nag names each wildcard resource with the stack's pseudo parameters as `<AWS::Partition>`.
    const named = checkerPolicy([props.lab], { partition: '<AWS::Partition>', region: '<AWS::Region>' });
    const patterns = [...new Set(named.Statement.flatMap((s) => [s.Resource].flat()).filter((r) => r.includes('*')))];
    acknowledgeWildcardResources(
      this.role,
      patterns,
      'Read-only checks: resources the lab stack names by pattern (CloudFormation generates the suffixes), and `*` only for actions without a resource type or on learner-named resources; lib/policy/scopes.ts gives the reason for each.',
    );
  }
}
