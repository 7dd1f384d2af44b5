// Every kind teardown removes, one module per kind (kinds/<service>-<kind>.ts). Adding a kind is
// one new file and one line here; its order comes from the `after` it declares (order.ts).
import type { TeardownKindModule } from '../kind';
import { athenaNamedQuery } from './athena-named-query';
import { cloudformationStack } from './cloudformation-stack';
import { firehoseDeliveryStream } from './firehose-delivery-stream';
import { glueCrawler } from './glue-crawler';
import { glueDatabase } from './glue-database';
import { glueJob } from './glue-job';
import { glueTable } from './glue-table';
import { kinesisStream } from './kinesis-stream';
import { kinesisStreamConsumer } from './kinesis-stream-consumer';
import { logsLogGroup } from './logs-log-group';
import { logsLogStream } from './logs-log-stream';
import { logsStackLambdaLogGroup } from './logs-stack-lambda-log-group';
import { s3Objects } from './s3-objects';
import { sagemakerApp } from './sagemaker-app';
import { sagemakerDomain } from './sagemaker-domain';
import { sagemakerEndpoint } from './sagemaker-endpoint';
import { sagemakerEndpointConfig } from './sagemaker-endpoint-config';
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

export const KINDS = {
  'athena:named-query': athenaNamedQuery,
  'cloudformation:stack': cloudformationStack,
  'firehose:delivery-stream': firehoseDeliveryStream,
  'glue:crawler': glueCrawler,
  'glue:database': glueDatabase,
  'glue:job': glueJob,
  'glue:table': glueTable,
  'kinesis:stream': kinesisStream,
  'kinesis:stream-consumer': kinesisStreamConsumer,
  'logs:log-group': logsLogGroup,
  'logs:log-stream': logsLogStream,
  'logs:stack-lambda-log-group': logsStackLambdaLogGroup,
  's3:objects': s3Objects,
  'sagemaker:app': sagemakerApp,
  'sagemaker:domain': sagemakerDomain,
  'sagemaker:endpoint': sagemakerEndpoint,
  'sagemaker:endpoint-config': sagemakerEndpointConfig,
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
};

/** Every kind of resource teardown plans for: the registry's keys. */
export type TeardownKind = keyof typeof KINDS;

// Each key names its own module (a module registered under another kind's key does not compile).
KINDS satisfies { readonly [K in TeardownKind]: TeardownKindModule<K> };

export const KIND_MODULES: readonly TeardownKindModule[] = Object.values(KINDS);

/** The kind of a tagged ARN by its `service:resource-type`, as the kinds declare it (`arnType`). */
export const TAGGABLE: ReadonlyMap<string, TeardownKind> = new Map(KIND_MODULES.flatMap((m) => (m.arnType ? [[m.arnType, m.kind] as const] : [])));
