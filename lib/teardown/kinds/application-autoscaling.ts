// What the two Application Auto Scaling kinds share. A lab declares the scaling of an endpoint's
// variants by the endpoint's name:
//   learnerResources: [
//     { kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' },
//     { kind: 'application-autoscaling:scalable-target', name: 'churn-', match: 'prefix' },
//   ]
// Every scalable target of a variant of such an endpoint (ResourceId `endpoint/<endpoint>/variant/<variant>`,
// any SageMaker dimension), and every scaling policy on it, is then the lab's, provided the endpoint
// itself is the lab's (named, tagged or of its stack) and not another lab's. Nothing is listed, and
// no Application Auto Scaling call is made, for a lab that does not declare the kind.
// https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-sagemaker.html
import type { Owner } from '../claims';
import type { LabResource, ListContext } from '../kind';

/** The ResourceId of a SageMaker endpoint variant (DescribeScalableTargets' ResourceId for namespace `sagemaker`). */
const VARIANT_RESOURCE_ID = /^endpoint\/([^/]+)\/variant\/([^/]+)$/;

/** The endpoint a SageMaker ResourceId names, or undefined for another resource (an inference component). */
export function endpointOfResourceId(resourceId: string): string | undefined {
  return VARIANT_RESOURCE_ID.exec(resourceId)?.[1];
}

export function declaresScaling(ctx: ListContext): boolean {
  return (ctx.lab.learnerResources ?? []).some((l) => l.kind === 'application-autoscaling:scalable-target');
}

/** Why the lab may touch what Application Auto Scaling keeps for this ResourceId, or undefined. */
export function scalingOwner(ctx: ListContext, resourceId: string): Owner | undefined {
  const endpoint = endpointOfResourceId(resourceId);
  if (!endpoint) return undefined;
  const scaling = ctx.claims.of('application-autoscaling:scalable-target', endpoint);
  // The endpoint must be the lab's too: another lab's tagged endpoint is never claimed by a name.
  const owned = ctx.claims.of('sagemaker:endpoint', endpoint);
  if (!scaling || !owned) return undefined;
  return { ...scaling, why: `variant of endpoint ${endpoint} (${scaling.why})` };
}

/**
 * What a scaling kind lists: nothing, without a call, unless the lab declares the kind; otherwise
 * the namespace's items (`read`) that sit on a variant of one of the lab's endpoints.
 */
export async function scalingResources<T extends { readonly ResourceId?: string }>(
  ctx: ListContext,
  read: () => Promise<readonly T[]>,
  resource: (item: T, owner: Owner) => LabResource,
): Promise<LabResource[]> {
  if (!declaresScaling(ctx)) return [];
  return (await read()).flatMap((item) => {
    const owner = scalingOwner(ctx, item.ResourceId ?? '');
    return owner ? [resource(item, owner)] : [];
  });
}
