/** Apps Script surfaces service failures as errors named `Exception` ("Exception: <message>" when printed). */
export class AppsScriptException extends Error {
  override name = 'Exception';
}

export const exception = (message: string): AppsScriptException => new AppsScriptException(message);

/** The message Apps Script gives when arguments don't match any overload. */
export function signatureError(args: readonly unknown[], method: string): AppsScriptException {
  const types = args.map((a) => {
    if (a === null || a === undefined) return 'null';
    if (Array.isArray(a)) return 'Object[]';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'boolean') return 'Boolean';
    return 'Object';
  });
  return exception(`The parameters (${types.join(',')}) don't match the method signature for ${method}.`);
}
