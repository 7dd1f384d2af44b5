// The clean-up steps, for the stack's custom resources and for `mllab teardown`: call a step
// repeatedly (sleeping between calls) until it reports `complete`.
export { advanceAppsCleanup, type AppsCleanupClients, type AppsCleanupOptions } from './apps';
export { advanceVpcCleanup, nfsSecurityGroupNames, SAGEMAKER_MANAGED_TAG, type VpcCleanupClients, type VpcCleanupOptions } from './vpc';
export {
  advanceStreamConsumerCleanup,
  type StreamConsumerCleanupClients,
  type StreamConsumerCleanupOptions,
} from './stream-consumers';
export { advancePolicyDetach, type PolicyDetachClients, type PolicyDetachOptions } from './policy-detach';
export { isServiceError, type CleanupProgress } from './progress';
