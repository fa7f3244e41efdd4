// The domain core: pure functions, no I/O, no Node or Apps Script globals.
export * from './checkins.ts';
export * from './columns.ts';
export * from './contract.ts';
export * from './formulas.ts';
export * from './grades.ts';
export * from './lints.ts';
export * from './people.ts';
export * from './problems.ts';
export * from './rollup.ts';
export type * from './schemas.ts';
export * from './enums.ts';
export * from './scoring.ts';
export * from './status.ts';
export * from './tabs.ts';
export * from './template.ts';
export * from './validate.ts';
export * from './values.ts';
