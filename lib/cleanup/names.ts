// Names SageMaker gives what it leaves behind: read by the clean-up steps, by teardown and by the
// Studio environment, which must not load an SDK client to know them (this file imports nothing).

export const SAGEMAKER_MANAGED_TAG = 'ManagedByAmazonSageMakerResource';

/**
 * The security groups SageMaker creates in the domain's VPC for the home EFS's NFS traffic.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-migrate-data.html
 */
export function nfsSecurityGroupNames(domainId: string): [inbound: string, outbound: string] {
  return [`security-group-for-inbound-nfs-${domainId}`, `security-group-for-outbound-nfs-${domainId}`];
}
