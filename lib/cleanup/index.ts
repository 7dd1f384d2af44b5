// The clean-up steps, for the stack's custom resources and for `mllab teardown`: call a step
// repeatedly (sleeping between calls) until it reports `complete`.
export { advanceAppsCleanup, type AppsCleanupClients, type AppsCleanupOptions } from './apps';
export { advanceVpcCleanup, type VpcCleanupClients, type VpcCleanupOptions } from './vpc';
export { nfsSecurityGroupNames, SAGEMAKER_MANAGED_TAG } from './names';
export {
  advanceStreamConsumerCleanup,
  type StreamConsumerCleanupClients,
  type StreamConsumerCleanupOptions,
} from './stream-consumers';
export { advancePolicyDetach, type PolicyDetachClients, type PolicyDetachOptions } from './policy-detach';
export { isServiceError, type CleanupProgress } from './progress';
