// Helpers for unit-testing one requirement's check against aws-sdk-client-mock mocks.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { AwsStub } from 'aws-sdk-client-mock';
import { runLab, type RequirementResult } from '../../lib/check/runner';
import { CheckSession } from '../../lib/check/session';
import { labStackName } from '../../lib/model';
import { checkedLab, type LabUnderTest } from './checked-lab';

/**
 * Runs exactly one requirement's check (not its prerequisites) in a fresh session, as the runner
 * would: exceptions become `error`, undeclared or write calls are refused.
 */
export async function checkRequirement(target: LabUnderTest, id: string, region = 'us-east-1'): Promise<RequirementResult> {
  const { lab, checks } = await checkedLab(target);
  const requirement = lab.requirements.find((r) => r.id === id);
  if (!requirement) throw new Error(`no requirement ${id} in ${lab.id}`);
  const single = { ...lab, requirements: [{ ...requirement, dependsOn: [] }] };
  const session = new CheckSession({ region, maxAttempts: 1 });
  try {
    const result = await runLab(session, single, checks);
    return result.requirements[0]!;
  } finally {
    session.destroy();
  }
}

/** Answers DescribeStacks for the lab stack with these outputs. */
export function mockStackOutputs(cfn: AwsStub<any, any, any>, labId: string, outputs: Record<string, string>): void {
  cfn.on(DescribeStacksCommand, { StackName: labStackName(labId) }).resolves({
    Stacks: [
      {
        StackName: labStackName(labId),
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date('2026-01-01T00:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
}

/** An SDK-shaped service error, as the SDK throws it (name + $metadata). */
export function awsError(name: string, message = name, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode, attempts: 1 } });
}

export { CloudFormationClient };
