import { DeletePipelineCommand, ListPipelinesCommand, paginateListPipelineExecutions, paginateListPipelines, StopPipelineExecutionCommand } from '@aws-sdk/client-sagemaker';
import { collect } from '../../aws';
import { free, waiting, type TeardownKindModule } from '../kind';
import { sagemakerRecord } from './sagemaker';

/**
 * DeletePipeline is refused while an execution runs, so running executions are stopped first, once
 * each (StopPipelineExecution, with an idempotency token), and the delete waits until none is
 * Executing or Stopping. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeletePipeline.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StopPipelineExecution.html
 */
export const sagemakerPipeline: TeardownKindModule<'sagemaker:pipeline'> = sagemakerRecord({
  kind: 'sagemaker:pipeline',
  because: 'only once no endpoint config refers to the model',
  // With the models its runs create.
  after: ['sagemaker:endpoint-config'],
  record: 'Pipeline', items: 'PipelineSummaries', paginate: paginateListPipelines, List: ListPipelinesCommand, Delete: DeletePipelineCommand,
  lookup: 'PipelineNamePrefix',
  // The token makes a retried delete one deletion.
  deleteInput: (name) => ({ ClientRequestToken: `mllab-teardown-${name}`.slice(0, 128) }),
  beforeDelete: async (ctx, name) => {
    const sm = ctx.clients.sagemaker;
    const executions = await collect(paginateListPipelineExecutions({ client: sm }, { PipelineName: name }), (p) => p?.PipelineExecutionSummaries);
    const running = executions.filter((e) => e.PipelineExecutionStatus === 'Executing' || e.PipelineExecutionStatus === 'Stopping');
    for (const e of running.filter((x) => x.PipelineExecutionStatus === 'Executing')) {
      const arn = e.PipelineExecutionArn!;
      await ctx.once(`StopPipelineExecution ${arn}`, () => sm.send(new StopPipelineExecutionCommand({ PipelineExecutionArn: arn, ClientRequestToken: `mllab-teardown-${arn.split('/').pop()}`.slice(0, 128) })));
    }
    return running.length > 0 ? waiting(`stopping ${running.length} running execution${running.length === 1 ? '' : 's'} before DeletePipeline`) : undefined;
  },
  details: () => free('a definition; its executions bill per step'),
});
