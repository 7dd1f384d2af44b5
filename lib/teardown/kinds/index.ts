// Every kind teardown removes, one module per kind (kinds/<service>-<kind>.ts). Adding a kind is
// one new file and one line here; its order comes from the `after` it declares (order.ts).
import type { TeardownKindModule } from '../kind';
import { applicationAutoscalingScalableTarget } from './application-autoscaling-scalable-target';
import { applicationAutoscalingScalingPolicy } from './application-autoscaling-scaling-policy';
import { athenaNamedQuery } from './athena-named-query';
import { cloudformationStack } from './cloudformation-stack';
import { cloudwatchAlarm } from './cloudwatch-alarm';
import { ec2SecurityGroup } from './ec2-security-group';
import { firehoseDeliveryStream } from './firehose-delivery-stream';
import { glueCrawler } from './glue-crawler';
import { glueDataQualityRuleset } from './glue-data-quality-ruleset';
import { glueDatabase } from './glue-database';
import { glueJob } from './glue-job';
import { glueTable } from './glue-table';
import { kinesisStream } from './kinesis-stream';
import { kinesisStreamConsumer } from './kinesis-stream-consumer';
import { kmsAlias } from './kms-alias';
import { lakeformationDataCellsFilter } from './lakeformation-data-cells-filter';
import { lakeformationPermissions } from './lakeformation-permissions';
import { lakeformationRegisteredLocation } from './lakeformation-registered-location';
import { logsLogGroup } from './logs-log-group';
import { logsLogStream } from './logs-log-stream';
import { logsStackLambdaLogGroup } from './logs-stack-lambda-log-group';
import { s3Objects } from './s3-objects';
import { sagemakerApp } from './sagemaker-app';
import { sagemakerDomain } from './sagemaker-domain';
import { sagemakerEndpoint } from './sagemaker-endpoint';
import { sagemakerEndpointConfig } from './sagemaker-endpoint-config';
import { sagemakerFeatureGroup } from './sagemaker-feature-group';
import { sagemakerHyperParameterTuningJob } from './sagemaker-hyper-parameter-tuning-job';
import { sagemakerModel } from './sagemaker-model';
import { sagemakerModelPackageGroup } from './sagemaker-model-package-group';
import { sagemakerMonitoringSchedule } from './sagemaker-monitoring-schedule';
import { sagemakerNotebookInstance } from './sagemaker-notebook-instance';
import { sagemakerPipeline } from './sagemaker-pipeline';
import { sagemakerProcessingJob } from './sagemaker-processing-job';
import { sagemakerSpace } from './sagemaker-space';
import { sagemakerStudioVpcLeftovers } from './sagemaker-studio-vpc-leftovers';
import { sagemakerTrainingJob } from './sagemaker-training-job';
import { sagemakerTransformJob } from './sagemaker-transform-job';
import { sagemakerUserProfile } from './sagemaker-user-profile';
import { snsTopic } from './sns-topic';

export const KINDS = {
  'application-autoscaling:scalable-target': applicationAutoscalingScalableTarget,
  'application-autoscaling:scaling-policy': applicationAutoscalingScalingPolicy,
  'athena:named-query': athenaNamedQuery,
  'cloudformation:stack': cloudformationStack,
  'cloudwatch:alarm': cloudwatchAlarm,
  'ec2:security-group': ec2SecurityGroup,
  'firehose:delivery-stream': firehoseDeliveryStream,
  'glue:crawler': glueCrawler,
  'glue:data-quality-ruleset': glueDataQualityRuleset,
  'glue:database': glueDatabase,
  'glue:job': glueJob,
  'glue:table': glueTable,
  'kinesis:stream': kinesisStream,
  'kinesis:stream-consumer': kinesisStreamConsumer,
  'kms:alias': kmsAlias,
  'lakeformation:data-cells-filter': lakeformationDataCellsFilter,
  'lakeformation:permissions': lakeformationPermissions,
  'lakeformation:registered-location': lakeformationRegisteredLocation,
  'logs:log-group': logsLogGroup,
  'logs:log-stream': logsLogStream,
  'logs:stack-lambda-log-group': logsStackLambdaLogGroup,
  's3:objects': s3Objects,
  'sagemaker:app': sagemakerApp,
  'sagemaker:domain': sagemakerDomain,
  'sagemaker:endpoint': sagemakerEndpoint,
  'sagemaker:endpoint-config': sagemakerEndpointConfig,
  'sagemaker:feature-group': sagemakerFeatureGroup,
  'sagemaker:hyper-parameter-tuning-job': sagemakerHyperParameterTuningJob,
  'sagemaker:model': sagemakerModel,
  'sagemaker:model-package-group': sagemakerModelPackageGroup,
  'sagemaker:monitoring-schedule': sagemakerMonitoringSchedule,
  'sagemaker:notebook-instance': sagemakerNotebookInstance,
  'sagemaker:pipeline': sagemakerPipeline,
  'sagemaker:processing-job': sagemakerProcessingJob,
  'sagemaker:space': sagemakerSpace,
  'sagemaker:studio-vpc-leftovers': sagemakerStudioVpcLeftovers,
  'sagemaker:training-job': sagemakerTrainingJob,
  'sagemaker:transform-job': sagemakerTransformJob,
  'sagemaker:user-profile': sagemakerUserProfile,
  'sns:topic': snsTopic,
};

/** Every kind of resource teardown plans for: the registry's keys. */
export type TeardownKind = keyof typeof KINDS;

// Each key names its own module (a module registered under another kind's key does not compile).
KINDS satisfies { readonly [K in TeardownKind]: TeardownKindModule<K> };

export const KIND_MODULES: readonly TeardownKindModule[] = Object.values(KINDS);

/** The kind of a tagged ARN by its `service:resource-type`, as the kinds declare it (`arnType`). */
export const TAGGABLE: ReadonlyMap<string, TeardownKind> = new Map(KIND_MODULES.flatMap((m) => (m.arnType ? [[m.arnType, m.kind] as const] : [])));
