/**
 * Apps Script enums. Real enum members are opaque objects compared by identity; plain strings
 * keep that behaviour (===) and print readably in test failures.
 */
const enumOf = <const K extends string>(...keys: K[]): { readonly [P in K]: P } =>
  Object.freeze(Object.fromEntries(keys.map((k) => [k, k])) as { [P in K]: P });

export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export type ButtonName = keyof typeof Button;
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
export type ButtonSetName = keyof typeof ButtonSet;
export const ProtectionType = enumOf('RANGE', 'SHEET');
export type ProtectionTypeName = keyof typeof ProtectionType;
export const BorderStyle = enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
export const WrapStrategy = enumOf('WRAP', 'OVERFLOW', 'CLIP');
export const Dimension = enumOf('COLUMNS', 'ROWS');
export const BooleanCriteria = enumOf(
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'CUSTOM_FORMULA',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
);
export type BooleanCriteriaName = keyof typeof BooleanCriteria;
export const DataValidationCriteria = enumOf(
  'CHECKBOX',
  'CUSTOM_FORMULA',
  'DATE_IS_VALID_DATE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
);
export type DataValidationCriteriaName = keyof typeof DataValidationCriteria;
export const SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');
export const XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');
