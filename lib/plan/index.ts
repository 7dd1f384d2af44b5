export { apportion, buildPlan, isoDate, PLAN_FORMAT_VERSION, type PlannedReCheck, type PlanOptions, type PlanWeek, type StudyItem, type StudyLab, type StudyPlan } from './build';
export { lastPlanPath, planChanges, readLastPlan, writeLastPlan } from './last';
export { reCheckSchedule, type ReCheckSchedule } from './recheck';
export { planIcs, planLines, reCheckLine, studyLine } from './render';
