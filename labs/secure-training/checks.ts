// The checks of secure-training, one per requirement of its manifest (lab.ts).
import { DescribeSecurityGroupsCommand, EC2Client, type IpPermission, type SecurityGroup } from '@aws-sdk/client-ec2';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient, type KeyMetadata } from '@aws-sdk/client-kms';
import { collect, isServiceError } from '../../lib/aws';
import { newestCompletedJob, onJudgedJob, parseS3Uri, type JudgedJob } from '../../lib/check/sagemaker';
import type { CheckContext } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { xgboostImageProblem } from '../xgboost-builtin/training-job';
import { DATA_PREFIX, KEY_ALIAS, lab, MAX_INSTANCE_COUNT, OUTPUT_PREFIX, TRAINING_INSTANCE_TYPES, TRAINING_JOB_PREFIX } from './lab';
import { judgeS3Access, type RolePolicy } from './policy';

/** The newest Completed `secure-xgb-*` job, or why there is none. */
function judgedJob(ctx: CheckContext): Promise<JudgedJob> {
  return newestCompletedJob(ctx, TRAINING_JOB_PREFIX, {
    noJob: "; the checker and teardown find the lab's jobs by that prefix.",
    notCompleted: (newest) =>
      /download|s3|network|connect/i.test(newest.FailureReason ?? '') ? ' In an isolated subnet the only way to S3 is the gateway endpoint, and the security group must let that traffic out (the S3 prefix list on TCP 443).' : '',
  });
}

const onJudged = (check: Parameters<typeof onJudgedJob>[1]) => onJudgedJob(judgedJob, check);

/** True when `uri` is the prefix (with or without its final slash) or an object under it. */
function under(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  return !!s3 && s3.bucket === bucket && (s3.key === prefix.replace(/\/$/, '') || s3.key.startsWith(prefix));
}

const OPEN_RANGES = ['0.0.0.0/0', '::/0'];

function ruleText(p: IpPermission): string {
  if (p.IpProtocol === '-1') return 'all traffic';
  const ports = p.FromPort === p.ToPort ? `${p.FromPort}` : `${p.FromPort}-${p.ToPort}`;
  return `${p.IpProtocol?.toUpperCase()} ${ports}`;
}

/** Why a security group lets the job's network interfaces reach the whole internet, or undefined. */
function egressProblem(group: SecurityGroup): string | undefined {
  const open = (group.IpPermissionsEgress ?? []).flatMap((p) => [
    ...(p.IpRanges ?? []).filter((r) => OPEN_RANGES.includes(r.CidrIp ?? '')).map((r) => `${ruleText(p)} to ${r.CidrIp}`),
    ...(p.Ipv6Ranges ?? []).filter((r) => OPEN_RANGES.includes(r.CidrIpv6 ?? '')).map((r) => `${ruleText(p)} to ${r.CidrIpv6}`),
  ]);
  if (open.length === 0) return undefined;
  return (
    `Security group ${group.GroupId} (${group.GroupName}) allows egress ${open.join(', ')}. Every new security group starts with an allow-all egress rule; remove it. ` +
    'The subnets have no route out today, but the group is the control that still holds if someone adds a NAT gateway or a peering later. ' +
    'SageMaker needs only HTTPS to S3 through the gateway endpoint: egress to the S3 prefix list on TCP 443 is enough (and, for two instances, traffic to the group itself).'
  );
}

export const checks = defineChecks(lab, {
  R1: onJudged(async (job, ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const problems: string[] = [];
    const image = xgboostImageProblem(job.AlgorithmSpecification?.TrainingImage, `The training image of ${job.TrainingJobName}`);
    if (image) problems.push(image);
    const type = job.ResourceConfig?.InstanceType;
    if (!type || !(TRAINING_INSTANCE_TYPES as readonly string[]).includes(type)) {
      problems.push(`${job.TrainingJobName} ran on ${type ?? 'no instance type'}; the lab allows ${TRAINING_INSTANCE_TYPES.join(', ')}, the cheapest instance XGBoost trains well on, which also has an EBS volume for your key to encrypt.`);
    }
    const count = job.ResourceConfig?.InstanceCount ?? 1;
    if (count > MAX_INSTANCE_COUNT) problems.push(`${job.TrainingJobName} used ${count} instances; the lab allows at most ${MAX_INSTANCE_COUNT}: 1,500 rows need no cluster.`);
    if (job.EnableManagedSpotTraining !== true) problems.push(`${job.TrainingJobName} ran on on-demand capacity; the lab asks for managed spot training, which bills the spot price (up to 90% below on-demand).`);
    const train = job.InputDataConfig?.find((c) => c.ChannelName === 'train');
    const trainUri = train?.DataSource?.S3DataSource?.S3Uri;
    if (!under(trainUri, bucket, DATA_PREFIX)) {
      problems.push(`The 'train' channel reads ${trainUri ?? '(no S3 location)'}; the shipped data is at s3://${bucket}/${DATA_PREFIX}, and R4 judges the role against that prefix.`);
    }
    const output = job.OutputDataConfig?.S3OutputPath;
    if (!under(output, bucket, OUTPUT_PREFIX)) {
      problems.push(`The job writes its model to ${output ?? '(no output path)'}; write it under s3://${bucket}/${OUTPUT_PREFIX}, the only prefix the role may write and the one teardown empties.`);
    }
    return verdictFrom(problems, [`${job.TrainingJobName} completed on ${count} spot ${type}, reading ${trainUri}, writing under ${output}.`]);
  }),

  R2: onJudged(async (job, ctx) => {
    const problems: string[] = [];
    if (job.EnableNetworkIsolation !== true) {
      problems.push(
        `${job.TrainingJobName} ran without network isolation: its training container could open connections wherever the subnets route, so code in the container (a dependency, a pickled model) could send the patient data out. ` +
          'With network isolation the container has no network at all; SageMaker itself downloads the channels and uploads the model through the VPC, so training still works.',
      );
    }
    const vpc = job.VpcConfig;
    if (!vpc?.Subnets?.length) {
      problems.push(
        `${job.TrainingJobName} ran without a VpcConfig, so SageMaker used its own service network, which reaches the internet; the scenario requires the lab VPC's isolated subnets, whose only path anywhere is the S3 gateway endpoint.`,
      );
    } else {
      const [subnetList, vpcId] = await Promise.all([ctx.stackOutput(STACK_OUTPUTS.isolatedSubnetIds), ctx.stackOutput(STACK_OUTPUTS.isolatedVpcId)]);
      const isolated = new Set(subnetList.split(',').map((s) => s.trim()).filter(Boolean));
      const foreign = vpc.Subnets.filter((s) => !isolated.has(s));
      if (foreign.length > 0) {
        problems.push(
          `${job.TrainingJobName} ran in subnet(s) ${foreign.join(', ')}, which are not the lab VPC's isolated subnets (${[...isolated].join(', ')}). ` +
            'A subnet with a route to a NAT or internet gateway gives the job a way out; the isolated subnets have none, and reach S3 through the gateway endpoint on their route tables, at no hourly charge.',
        );
      }
      const groupIds = vpc.SecurityGroupIds ?? [];
      let groups: SecurityGroup[] = [];
      try {
        groups = (await ctx.client(EC2Client).send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }))).SecurityGroups ?? [];
      } catch (err) {
        if (!isServiceError(err, 'InvalidGroup.NotFound')) throw err;
        return undecided(`A security group of ${job.TrainingJobName} (${groupIds.join(', ')}) no longer exists, so its rules cannot be read; run a job again with the group you keep.`);
      }
      for (const group of groups) {
        if (group.VpcId !== vpcId) problems.push(`Security group ${group.GroupId} is in ${group.VpcId}, not the lab VPC ${vpcId}.`);
        const problem = egressProblem(group);
        if (problem) problems.push(problem);
      }
    }
    const count = job.ResourceConfig?.InstanceCount ?? 1;
    if (count > 1 && job.EnableInterContainerTrafficEncryption !== true) {
      problems.push(
        `${job.TrainingJobName} trained on ${count} instances without inter-container traffic encryption: distributed XGBoost exchanges model statistics between the instances over the network, and the scenario requires everything that leaves an instance to be encrypted. ` +
          'A single-instance job has no such traffic, which is why the requirement applies only above one instance.',
      );
    }
    const encryption = count > 1 ? 'inter-container traffic encrypted' : 'one instance, so no inter-container traffic';
    return verdictFrom(problems, [`${job.TrainingJobName}: network isolation on, subnets ${vpc?.Subnets?.join(', ')}, security groups ${vpc?.SecurityGroupIds?.join(', ')} without egress to the internet, ${encryption}.`]);
  }),

  R3: onJudged(async (job, ctx) => {
    const kms = ctx.client(KMSClient);
    let labKey: KeyMetadata | undefined;
    try {
      labKey = (await kms.send(new DescribeKeyCommand({ KeyId: KEY_ALIAS }))).KeyMetadata;
    } catch (err) {
      if (!isServiceError(err, 'NotFoundException')) throw err;
      return fail(`No KMS key has the alias ${KEY_ALIAS} in ${ctx.region}. Create a customer managed key and give it that alias: the checker and teardown find your key by it.`);
    }
    if (!labKey?.KeyId) return undecided(`KMS described ${KEY_ALIAS} without a key id.`);
    const problems: string[] = [];
    if (labKey.KeyManager !== 'CUSTOMER') problems.push(`${KEY_ALIAS} points at an AWS managed key; the scenario needs a key you manage.`);
    if (labKey.KeyState !== 'Enabled') {
      problems.push(
        labKey.KeyState === 'PendingDeletion'
          ? `The key behind ${KEY_ALIAS} (${labKey.KeyId}) is pending deletion${labKey.DeletionDate ? ` on ${labKey.DeletionDate.toISOString().slice(0, 10)}` : ''}: once it is deleted, the model artefact encrypted with it can never be decrypted again.`
          : `The key behind ${KEY_ALIAS} (${labKey.KeyId}) is ${labKey.KeyState}; SageMaker cannot use a key that is not Enabled for the next job or to read this one's output.`,
      );
    }
    const aliasArn = labKey.Arn?.replace(/:key\/.*$/, `:${KEY_ALIAS}`);
    const spellings = new Set([labKey.KeyId, labKey.Arn, KEY_ALIAS, aliasArn].filter(Boolean));
    const judge = async (value: string | undefined, what: string, unset: string): Promise<void> => {
      if (!value) return void problems.push(`${job.TrainingJobName} sets no ${what}, so ${unset}`);
      if (spellings.has(value)) return;
      let key: KeyMetadata | undefined;
      try {
        key = (await kms.send(new DescribeKeyCommand({ KeyId: value }))).KeyMetadata;
      } catch (err) {
        if (!isServiceError(err, 'NotFoundException')) throw err;
        return void problems.push(`${what} is ${value}, which names no KMS key in ${ctx.region} any more; it is not the key behind ${KEY_ALIAS}.`);
      }
      if (key?.KeyId === labKey.KeyId) return;
      problems.push(
        key?.KeyManager === 'AWS'
          ? `${what} is ${value}, an AWS managed key. It encrypts, but it is not "our own key": you cannot change its key policy to decide who may decrypt, nor disable or delete it to make the data unreadable, as the regulator asks. Use the key behind ${KEY_ALIAS}.`
          : `${what} is ${value}, which is key ${key?.KeyId}, not the key behind ${KEY_ALIAS} (${labKey.KeyId}).`,
      );
    };
    await judge(
      job.ResourceConfig?.VolumeKmsKeyId,
      'ResourceConfig.VolumeKmsKeyId',
      'SageMaker encrypts the training volume, where the patient data sits during training, with a key AWS manages instead of yours.',
    );
    await judge(
      job.OutputDataConfig?.KmsKeyId,
      'OutputDataConfig.KmsKeyId',
      'the model artefact (which can memorise training rows) is written with the bucket\'s default encryption, under a key you do not control.',
    );
    return verdictFrom(problems, [`Volume and output of ${job.TrainingJobName} are encrypted with ${labKey.KeyId} (${KEY_ALIAS}, customer managed, Enabled).`]);
  }),

  R4: onJudged(async (job, ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const roleArn = job.RoleArn ?? '';
    const roleName = roleArn.split('/').pop();
    if (!roleName) return undecided(`${job.TrainingJobName} reports no execution role ARN.`);
    const iam = ctx.client(IAMClient);
    try {
      await iam.send(new GetRoleCommand({ RoleName: roleName }));
    } catch (err) {
      if (!isServiceError(err, 'NoSuchEntity', 'NoSuchEntityException')) throw err;
      return undecided(`The execution role of ${job.TrainingJobName}, ${roleArn}, no longer exists, so the policies the job ran with cannot be read; train again with the role you keep.`);
    }
    const policies: RolePolicy[] = [];
    const inline = await collect(paginateListRolePolicies({ client: iam }, { RoleName: roleName }), (p) => p.PolicyNames);
    for (const name of inline) {
      const document = (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }))).PolicyDocument ?? '';
      policies.push({ label: `inline policy '${name}'`, document });
    }
    const attached = await collect(paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName }), (p) => p.AttachedPolicies);
    for (const policy of attached) {
      const arn = policy.PolicyArn!;
      const version = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId;
      if (!version) return undecided(`IAM reported no default version for ${arn}, so its document cannot be read.`);
      const document = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }))).PolicyVersion?.Document ?? '';
      policies.push({ label: `${arn.includes(':aws:policy/') ? 'AWS managed' : 'managed'} policy ${policy.PolicyName}`, document });
    }
    const partition = roleArn.split(':')[1] ?? 'aws';
    const judgement = judgeS3Access(policies, { partition, bucket, readPrefix: DATA_PREFIX, writePrefix: OUTPUT_PREFIX });
    if (judgement.overBroad.length > 0) {
      return fail(
        `${roleName} can reach more of S3 than the job needs. A training job's role is used by code you did not write line by line (the algorithm, its dependencies); least privilege limits what a flaw in it can read or destroy.`,
        ...judgement.overBroad,
        ...judgement.undecidable,
      );
    }
    if (judgement.unreadable.length > 0 || judgement.undecidable.length > 0) return undecided(...judgement.unreadable, ...judgement.undecidable);
    return pass(`${roleName} (${policies.length} polic${policies.length === 1 ? 'y' : 'ies'}, ${judgement.s3Statements} S3 statement(s)) reads only s3://${bucket}/${DATA_PREFIX} and writes only s3://${bucket}/${OUTPUT_PREFIX}.`);
  }),
});
