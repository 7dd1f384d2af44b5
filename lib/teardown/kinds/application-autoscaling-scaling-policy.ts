// How a lab declares it: by the endpoint's name, as lib/teardown/kinds/application-autoscaling.ts
// says: `{ kind: 'application-autoscaling:scalable-target', name: '<endpoint name or prefix>', match? }`
// beside the endpoint's own `sagemaker:endpoint` declaration. The policies on a variant of such an
// endpoint are then deleted first, and their target tracking alarms with them.
import { DeleteScalingPolicyCommand, paginateDescribeScalingPolicies, type ScalableDimension } from '@aws-sdk/client-application-auto-scaling';
import { collect } from '../../aws';
import { deleteOnce, free, type TeardownKindModule } from '../kind';
import { scalingResources } from './application-autoscaling';

export const applicationAutoscalingScalingPolicy: TeardownKindModule<'application-autoscaling:scaling-policy'> = {
  kind: 'application-autoscaling:scaling-policy',
  action: 'delete',
  because: 'a scaling policy keeps changing its endpoint\'s instance count, and its alarms bill',
  after: [],
  // Its target is deregistered after it, and that before the endpoint is deleted.
  before: ['application-autoscaling:scalable-target'],
  label: (r) => `scaling policy ${r.name} of ${r.ref.resourceId}`,
  list: (ctx) => scalingResources(
    ctx,
    () => collect(paginateDescribeScalingPolicies({ client: ctx.clients.applicationAutoScaling }, { ServiceNamespace: 'sagemaker' }), (p) => p.ScalingPolicies),
    (p, owner) => ({
      kind: 'application-autoscaling:scaling-policy', name: p.PolicyName!, ...owner,
      ref: { resourceId: p.ResourceId!, scalableDimension: p.ScalableDimension! },
      status: p.PolicyType,
      // Target tracking alarms are billed as alarms; they go with the policy.
      ...free(`${p.PolicyType ?? 'policy'}: Application Auto Scaling is free; its alarms go with it`),
    }),
  ),
  advance: deleteOnce({
    notFound: 'ObjectNotFoundException',
    label: (r) => `DeleteScalingPolicy ${r.name} ${r.ref.resourceId}`,
    send: (ctx, r) => ctx.clients.applicationAutoScaling.send(new DeleteScalingPolicyCommand({
      PolicyName: r.name, ServiceNamespace: 'sagemaker', ResourceId: r.ref.resourceId!, ScalableDimension: r.ref.scalableDimension as ScalableDimension,
    })),
  }),
};
