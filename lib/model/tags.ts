/** Tags on everything the toolkit creates (DESIGN.md): budgets, checkers and teardown find the lab's resources by them. */
export const TAG_LAB = 'mllab:lab';
export const TAG_MANAGED_BY = 'mllab:managed-by';
export const MANAGED_BY_VALUE = 'aws-ml-labs';
