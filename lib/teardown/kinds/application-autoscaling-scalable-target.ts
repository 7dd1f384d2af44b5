// How a lab declares it: by the endpoint's name, beside the endpoint's own declaration,
//   { kind: 'sagemaker:endpoint', name: 'churn-ep' },
//   { kind: 'application-autoscaling:scalable-target', name: 'churn-ep' }   (or a prefix, `match: 'prefix'`)
// Every scalable target of a variant of that endpoint is then deregistered before the endpoint is
// deleted (lib/teardown/kinds/application-autoscaling.ts says which targets are claimed).
import { DeregisterScalableTargetCommand, paginateDescribeScalableTargets, type ScalableDimension } from '@aws-sdk/client-application-auto-scaling';
import { collect } from '../../aws';
import { deleteOnce, free, type TeardownKindModule } from '../kind';
import { scalingResources } from './application-autoscaling';

export const applicationAutoscalingScalableTarget: TeardownKindModule<'application-autoscaling:scalable-target'> = {
  kind: 'application-autoscaling:scalable-target',
  action: 'deregister',
  because: 'a registered variant keeps its endpoint at its minimum capacity or more',
  after: ['application-autoscaling:scaling-policy'],
  // Deleting an endpoint deregisters its targets only when the caller may deregister them
  // (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-delete-with-scaling.html): teardown does it first, itself.
  before: ['sagemaker:endpoint'],
  label: (r) => `scalable target ${r.name} (${r.ref.scalableDimension})`,
  list: (ctx) => scalingResources(
    ctx,
    () => collect(paginateDescribeScalableTargets({ client: ctx.clients.applicationAutoScaling }, { ServiceNamespace: 'sagemaker' }), (p) => p.ScalableTargets),
    (t, owner) => ({
      kind: 'application-autoscaling:scalable-target', name: t.ResourceId!, ...owner,
      ref: { scalableDimension: t.ScalableDimension! },
      // The endpoint's own line prices the instances it runs; the minimum decides its idle bill.
      ...free(`free; keeps ${t.MinCapacity}..${t.MaxCapacity} instance(s), billed on the endpoint's line`),
    }),
  ),
  advance: deleteOnce({
    notFound: 'ObjectNotFoundException',
    label: (r) => `DeregisterScalableTarget ${r.name} ${r.ref.scalableDimension}`,
    send: (ctx, r) => ctx.clients.applicationAutoScaling.send(new DeregisterScalableTargetCommand({
      ServiceNamespace: 'sagemaker', ResourceId: r.name, ScalableDimension: r.ref.scalableDimension as ScalableDimension,
    })),
  }),
};
