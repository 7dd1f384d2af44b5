import { DeleteJobCommand, GetJobCommand, GetJobsCommand, GlueClient } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { glueJob } from '../../../lib/teardown/kinds/glue-job';
import { awsError } from '../../support/check-harness';
import { itDeletes, itListsOnlyWhatIsClaimed, LISTED, resource } from './kit';

const glue = mockClient(GlueClient);
let present: boolean;

beforeEach(() => {
  glue.reset();
  present = true;
  glue.on(GetJobsCommand).resolves({ Jobs: LISTED.map((Name) => ({ Name })) });
  glue.on(GetJobCommand).callsFake((i) => {
    if (!present) throw awsError('EntityNotFoundException');
    return { Job: { Name: i.JobName } };
  });
  glue.on(DeleteJobCommand).resolves({});
});

itListsOnlyWhatIsClaimed(glueJob);

itDeletes({ kind: glueJob, resource: resource('glue:job', 'churn-1'), mocks: [glue], expected: ['DeleteJob'], gone: () => (present = false) });
