// Types for bin/bundle.js (plain JavaScript, so bin/okr.js runs without a TypeScript loader).
export declare const ROOT: string;
export declare const TSCONFIG: string;
export declare const READ_WORKER: Readonly<Record<string, string>>;
export declare function bundle(entries: Readonly<Record<string, string>>, folder: string): Promise<string>;
