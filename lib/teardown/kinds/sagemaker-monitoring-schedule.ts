import { DeleteMonitoringScheduleCommand, ListMonitoringSchedulesCommand, paginateListMonitoringSchedules } from '@aws-sdk/client-sagemaker';
import { free, type TeardownKindModule } from '../kind';
import { sagemakerRecord } from './sagemaker';

export const sagemakerMonitoringSchedule: TeardownKindModule<'sagemaker:monitoring-schedule'> = sagemakerRecord({
  kind: 'sagemaker:monitoring-schedule',
  because: 'a schedule keeps starting processing jobs against its endpoint',
  after: [],
  record: 'MonitoringSchedule', items: 'MonitoringScheduleSummaries', paginate: paginateListMonitoringSchedules, List: ListMonitoringSchedulesCommand, Delete: DeleteMonitoringScheduleCommand,
  details: (_, s) => ({ status: s.MonitoringScheduleStatus, ...free('the schedule is free; each monitoring job it starts bills') }),
});
