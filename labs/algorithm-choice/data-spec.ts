// The shape of the data sets this lab ships, shared by their generator
// (generate-data.ts), the checks and the reference solution, so the three agree.

/** Weekly unit sales per store: DeepAR JSON Lines (`start`, `target`). */
export const DEMAND = {
  stores: 24,
  /** Monday of the first week; DeepAR's `start` must have no time zone. */
  start: '2023-01-02 00:00:00',
  /** Weeks in each training series. */
  trainWeeks: 156,
  /** The forecast horizon the planners ask for: the next 8 weeks. */
  horizonWeeks: 8,
} as const;

/** Support tickets, one per line, BlazingText supervised format (`__label__<team> tokens`). */
export const TICKETS = {
  teams: ['billing', 'technical', 'shipping', 'account'] as const,
  trainLines: 2400,
  validationLines: 600,
} as const;

/** Apartment rents: CSV, label (monthly rent in EUR) first, no header, as Linear Learner reads it. */
export const PRICES = {
  features: ['area_m2', 'rooms', 'age_years', 'distance_to_centre_km', 'floor', 'has_balcony'] as const,
  trainRows: 2000,
  validationRows: 500,
} as const;

/** Seed of the generator's PRNG; changing it changes every shipped byte. */
export const DATA_SEED = 20260601;

/** Files relative to labs/algorithm-choice/, each uploaded to `datasets/<path below data/>`. */
export const DATA_FILES = {
  demandTrain: 'data/demand/train/train.json',
  demandTest: 'data/demand/test/test.json',
  ticketsTrain: 'data/tickets/train/train.txt',
  ticketsValidation: 'data/tickets/validation/validation.txt',
  pricesTrain: 'data/prices/train/train.csv',
  pricesValidation: 'data/prices/validation/validation.csv',
} as const;

/** Together under this many bytes (the brief's budget for this lab). */
export const MAX_DATA_BYTES = 800 * 1024;
