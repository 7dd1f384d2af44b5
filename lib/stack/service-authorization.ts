import { SAGEMAKER_SERVICE_AUTHORIZATION } from './data/sagemaker-service-authorization';

/**
 * Where the SageMaker action data comes from: the Service Authorization Reference ("Actions,
 * resources, and condition keys for Amazon SageMaker AI") as the iam-dataset project publishes it,
 * trimmed to SageMaker (lib/stack/data/sagemaker-service-authorization.ts says how).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
 */
export const SAGEMAKER_AUTHORIZATION_SOURCE = SAGEMAKER_SERVICE_AUTHORIZATION.source;

const ACTIONS: Readonly<Record<string, readonly string[]>> = SAGEMAKER_SERVICE_AUTHORIZATION.actions;

/** The SageMaker actions that support `conditionKey` (a `sagemaker:` key), as `sagemaker:<Action>`, sorted. */
export function sagemakerActionsSupporting(conditionKey: string): string[] {
  if (!conditionKey.startsWith('sagemaker:')) throw new Error(`only sagemaker: condition keys are in the data, got '${conditionKey}'`);
  const actions = Object.entries(ACTIONS)
    .filter(([, keys]) => keys.includes(conditionKey))
    .map(([action]) => `sagemaker:${action}`)
    .sort();
  if (actions.length === 0) throw new Error(`no SageMaker action supports ${conditionKey} in the data; is the key spelled as the reference spells it?`);
  return actions;
}

/** Whether the reference lists `action` (`sagemaker:<Action>`). */
export function isSagemakerAction(action: string): boolean {
  return action.startsWith('sagemaker:') && Object.hasOwn(ACTIONS, action.slice('sagemaker:'.length));
}
