import { DeleteMonitoringScheduleCommand, ListMonitoringSchedulesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerMonitoringSchedule } from '../../../lib/teardown/kinds/sagemaker-monitoring-schedule';
import { sagemakerRecordTests } from './kit';

const sagemaker = mockClient(SageMakerClient);

sagemakerRecordTests({
  kind: sagemakerMonitoringSchedule, mock: sagemaker, list: ListMonitoringSchedulesCommand, del: DeleteMonitoringScheduleCommand,
  page: (names) => ({ MonitoringScheduleSummaries: names.map((n) => ({ MonitoringScheduleName: n, MonitoringScheduleStatus: 'Scheduled' })) }),
});
