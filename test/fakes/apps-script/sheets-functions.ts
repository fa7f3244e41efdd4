import { FunctionPlugin, type FunctionPluginDefinition, HyperFormula, type ImplementedFunctions } from 'hyperformula';
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

/** Every built-in plugin, then the Sheets overrides (later plugins win per function name). */
export function sheetsFunctionPlugins(): FunctionPluginDefinition[] {
  return [...HyperFormula.getAllFunctionPlugins(), SheetsClockPlugin, arraySumproductPlugin()];
}
