// The shape of the metric-choice lab's shipped data, shared by its generator, its manifest and
// its tests (no SDK, no file system).

export const DATA_SEED = 20261201;

/**
 * Card payments: label (1 = fraud) first, then eight features. `trainPositives` is what the seeded
 * generator drew (test/labs/metric-choice/data.test.ts keeps it true); the findings quote it.
 */
export const FRAUD = { trainRows: 10000, validationRows: 5000, positiveRate: 0.02, trainPositives: 194 } as const;
/** House sales: price in thousands of dollars first, then six features; a few recording errors. */
export const HOUSES = { trainRows: 2000, validationRows: 600, outlierRate: 0.04 } as const;

export const DATA_FILES = {
  fraudTrain: 'data/fraud/train/payments-train.csv',
  fraudValidation: 'data/fraud/validation/payments-validation.csv',
  housesTrain: 'data/houses/train/houses-train.csv',
  housesValidation: 'data/houses/validation/houses-validation.csv',
} as const;
