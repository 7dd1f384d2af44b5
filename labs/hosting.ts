// What every lab that hosts a model shares (SDK-free, read by their manifests).

/**
 * The cheapest real-time inference instance type the API accepts for a production variant
 * (ProductionVariantInstanceType in API_ProductionVariant; ml.t2.medium at USD 0.056 an hour in
 * us-east-1, lib/cost/prices.ts). Built-in XGBoost serves the labs' twelve-feature model on it.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
 */
export const CHEAPEST_HOSTING_INSTANCE_TYPE = 'ml.t2.medium';

/**
 * Where SageMaker publishes endpoint invocation metrics (dimensions EndpointName and VariantName).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 */
export const SAGEMAKER_METRIC_NAMESPACE = 'AWS/SageMaker';
