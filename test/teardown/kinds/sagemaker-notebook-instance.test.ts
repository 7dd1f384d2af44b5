import { DeleteNotebookInstanceCommand, ListNotebookInstancesCommand, SageMakerClient, StopNotebookInstanceCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerNotebookInstance } from '../../../lib/teardown/kinds/sagemaker-notebook-instance';
import { advanceContext, itListsOnlyWhatIsClaimed, LISTED, resource, writes } from './kit';

const sagemaker = mockClient(SageMakerClient);
let status: Record<string, string>;

beforeEach(() => {
  sagemaker.reset();
  status = Object.fromEntries(LISTED.map((n) => [n, 'InService']));
  sagemaker.on(ListNotebookInstancesCommand).callsFake((i) => ({
    NotebookInstances: Object.keys(status).filter((n) => n.includes(i.NameContains ?? '')).map((n) => ({ NotebookInstanceName: n, NotebookInstanceStatus: status[n], InstanceType: 'ml.t3.medium' })),
  }));
  sagemaker.on(StopNotebookInstanceCommand).callsFake((i) => void (status[i.NotebookInstanceName] = 'Stopping'));
  sagemaker.on(DeleteNotebookInstanceCommand).callsFake((i) => void (status[i.NotebookInstanceName] = 'Deleting'));
});

itListsOnlyWhatIsClaimed(sagemakerNotebookInstance);

test('advance stops it once, deletes it once stopped, then is done and sends nothing more', async () => {
  const ctx = advanceContext();
  const notebook = resource('sagemaker:notebook-instance', 'churn-1');
  const pass = () => sagemakerNotebookInstance.advance(ctx, notebook);
  expect(await pass()).toMatchObject({ done: false }); // InService: stopped
  expect(await pass()).toMatchObject({ done: false }); // Stopping: waits
  status['churn-1'] = 'Stopped';
  expect(await pass()).toMatchObject({ done: false }); // Stopped: deleted
  expect(await pass()).toMatchObject({ done: false }); // Deleting: waits
  expect(writes(sagemaker)).toEqual(['StopNotebookInstance', 'DeleteNotebookInstance']);
  delete status['churn-1'];
  expect(await sagemakerNotebookInstance.advance(ctx, notebook)).toEqual({ done: true });
  expect(await sagemakerNotebookInstance.advance(ctx, notebook)).toEqual({ done: true });
  expect(writes(sagemaker)).toHaveLength(2);
});

test('not found is gone: done, no write', async () => {
  status = { 'prod-churn-1': 'InService' };
  expect(await sagemakerNotebookInstance.advance(advanceContext(), resource('sagemaker:notebook-instance', 'churn-1'))).toEqual({ done: true });
  expect(writes(sagemaker)).toEqual([]);
});
