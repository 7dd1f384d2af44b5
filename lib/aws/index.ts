// SDK plumbing for everything that talks to AWS: one client factory, one error vocabulary,
// pagination helpers. No other module builds clients or classifies errors.
export * from './clients';
export * from './errors';
export * from './paginate';
