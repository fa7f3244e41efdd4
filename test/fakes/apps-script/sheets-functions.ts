import { ArraySize, FunctionPlugin, type FunctionPluginDefinition, HyperFormula, type ImplementedFunctions, SimpleRangeValue } from 'hyperformula';
import { dateToSerial } from './dates.ts';

/** What the fake passes to HyperFormula as `config.context`, so TODAY()/NOW() read the fake clock. */
export interface ClockContext {
  now(): Date;
  timeZone(): string;
}

// HF's plugin methods take internal AST/state types it does not export; the plugin only forwards them.
type Forwarded = never;

/**
 * Function-level differences between Google Sheets and HyperFormula, patched per engine
 * instance through `functionPlugins` (HF's global registry is left alone).
 */

/**
 * TODAY() and NOW() in the spreadsheet's time zone and on the fake's clock, as Sheets computes
 * them (HF's own versions use the host's local zone and wall clock).
 */
export class SheetsClockPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    TODAY: { method: 'today', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATE' as Forwarded },
    NOW: { method: 'now', parameters: [], isVolatile: true, returnNumberType: 'NUMBER_DATETIME' as Forwarded },
  };

  #serial(): number {
    const clock = this.config.context as ClockContext;
    return dateToSerial(clock.now(), clock.timeZone());
  }

  today(ast: { args: Forwarded }, state: Forwarded) {
    return this.runFunction(ast.args, state, this.metadata('TODAY'), () => Math.floor(this.#serial()));
  }

  now(ast: { args: Forwarded }, state: Forwarded) {
    return this.runFunction(ast.args, state, this.metadata('NOW'), () => this.#serial());
  }
}

/**
 * Sheets evaluates SUMPRODUCT's arguments as arrays (`SUMPRODUCT((A2:A9="x")*B2:B9)` works without
 * ARRAYFORMULA); HF does so only in array-arithmetic mode. Same implementation, array arguments.
 */
function arraySumproductPlugin(): FunctionPluginDefinition {
  const Base = HyperFormula.getFunctionPlugin('SUMPRODUCT') as unknown as typeof FunctionPlugin | undefined;
  const metadata = Base?.implementedFunctions.SUMPRODUCT;
  if (!Base || !metadata) throw new Error('HyperFormula has no SUMPRODUCT plugin');
  const inherited = (Base.prototype as unknown as Record<string, (ast: Forwarded, state: Forwarded) => unknown>).sumproduct;
  if (!inherited) throw new Error('HyperFormula SUMPRODUCT plugin has no sumproduct method');
  return class SheetsSumproductPlugin extends Base {
    static override implementedFunctions: ImplementedFunctions = {
      SUMPRODUCT: { ...metadata, method: 'sumproduct', enableArrayArithmeticForArguments: true },
    };
    // HF requires the method on the plugin's own prototype.
    sumproduct(ast: Forwarded, state: Forwarded): unknown {
      return inherited.call(this, ast, state);
    }
  } as unknown as FunctionPluginDefinition;
}

type Address = { row: number; col: number; sheet: number };
type RangeEnd = { toSimpleCellAddress(base: Address): Address };

/** The rows a ROW() argument spans, when it is a range of several rows (HF's AST, by shape). */
function rangeRows(ast: { args: unknown[] }, base: Address): { first: number; height: number } | null {
  let arg = ast.args[0] as { type?: string; expression?: unknown; start?: RangeEnd; end?: RangeEnd } | undefined;
  while (arg?.type === 'PARENTHESIS') arg = arg.expression as typeof arg;
  if (arg?.type !== 'CELL_RANGE' || !arg.start || !arg.end) return null;
  const first = arg.start.toSimpleCellAddress(base).row;
  const last = arg.end.toSimpleCellAddress(base).row;
  return last > first ? { first, height: last - first + 1 } : null;
}

/**
 * Sheets' ROW(range) in an array formula returns the row number of every row of the range (Google
 * Docs Editors Help, ROW: "if cell_reference is a range more than one cell wide and the formula is
 * not used as an array formula, only the numeric value of the first row … is returned"); HF's ROW
 * always returns the first. Outside array formulas, HF's own ROW answers.
 */
export class SheetsRowPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    ROW: {
      method: 'row',
      sizeOfResultArrayMethod: 'rowSize',
      parameters: [{ argumentType: 'NOERROR' as Forwarded, optionalArg: true }],
      isDependentOnSheetStructureChange: true,
      doesNotNeedArgumentsToBeComputed: true,
      vectorizationForbidden: true,
    },
  };

  row(ast: { args: unknown[] }, state: { arraysFlag: boolean; formulaAddress: Address }) {
    const span = state.arraysFlag ? rangeRows(ast, state.formulaAddress) : null;
    if (span) return SimpleRangeValue.onlyValues(Array.from({ length: span.height }, (_, i) => [span.first + i + 1]));
    const inherited = HyperFormula.getFunctionPlugin('ROW') as unknown as { prototype: { row: (a: unknown, s: unknown) => unknown } };
    return inherited.prototype.row.call(this, ast, state);
  }

  rowSize(ast: { args: unknown[] }, state: { arraysFlag: boolean; formulaAddress: Address }) {
    const span = state.arraysFlag ? rangeRows(ast, state.formulaAddress) : null;
    return span ? new ArraySize(1, span.height) : ArraySize.scalar();
  }
}

/** Every built-in plugin, then the Sheets overrides (later plugins win per function name). */
export function sheetsFunctionPlugins(): FunctionPluginDefinition[] {
  return [...HyperFormula.getAllFunctionPlugins(), SheetsClockPlugin, arraySumproductPlugin(), SheetsRowPlugin];
}
