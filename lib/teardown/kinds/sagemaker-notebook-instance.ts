import { DeleteNotebookInstanceCommand, ListNotebookInstancesCommand, paginateListNotebookInstances, StopNotebookInstanceCommand } from '@aws-sdk/client-sagemaker';
import { collect } from '../../aws';
import { claimed, DONE, hourly, waiting, type TeardownKindModule } from '../kind';

export const sagemakerNotebookInstance: TeardownKindModule<'sagemaker:notebook-instance'> = {
  kind: 'sagemaker:notebook-instance',
  action: 'delete',
  because: 'stopped first: SageMaker deletes only a stopped notebook instance',
  // A workbench goes after what the learner may be creating from it.
  after: ['sagemaker:model', 'sagemaker:pipeline', 'sagemaker:model-package-group'],
  arnType: 'sagemaker:notebook-instance',
  list: async (ctx) => claimed(ctx, 'sagemaker:notebook-instance',
    await collect(paginateListNotebookInstances({ client: ctx.clients.sagemaker }, {}), (p) => p.NotebookInstances),
    (n) => n.NotebookInstanceName!,
    (n) => ({
      status: n.NotebookInstanceStatus,
      ...(n.NotebookInstanceStatus === 'InService' || n.NotebookInstanceStatus === 'Pending' ? hourly(ctx.prices, `sagemaker:notebook-hour:${n.InstanceType}`, 1, `${n.InstanceType}`) : { costPerHourUsd: 0, costNote: 'stopped' }),
    })),
  advance: async (ctx, r) => {
    const sm = ctx.clients.sagemaker;
    const found = (await sm.send(new ListNotebookInstancesCommand({ NameContains: r.name }))).NotebookInstances?.find((n) => n.NotebookInstanceName === r.name);
    if (!found) return DONE;
    const status = found.NotebookInstanceStatus;
    if (status === 'InService') await ctx.once(`StopNotebookInstance ${r.name}`, () => sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: r.name })));
    if (status === 'Stopped' || status === 'Failed') await ctx.once(`DeleteNotebookInstance ${r.name}`, () => sm.send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: r.name })));
    return waiting(status ?? 'listed');
  },
};
