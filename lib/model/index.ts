// The shared contract, the ground floor: imports neither the SDK nor aws-cdk-lib, nor any other
// module of the project. Everything above it (labs, check, teardown, stack, cost, CLI) speaks these types.
export * from './class';
export * from './domains';
export * from './lab';
export * from './stack';
export * from './tags';
export { isReadOnlyOperation } from './read-only';
export { defineLab } from './define-lab';
export { withThousands } from './format';
export { iamActionsFor, PolicyError } from './iam-actions';
