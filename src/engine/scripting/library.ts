/**
 * What a function library declares, kept apart from the interpreter (lua-functions.ts) so that the
 * engine's FunctionStore does not pull fengari into the worker's first chunk: the interpreter loads
 * after start-up, and fengari's modules must be evaluated in their own order (fengari-load.ts).
 */

export interface RegisteredFunction {
  readonly name: string;
  readonly description: string | null;
  readonly flags: readonly string[];
}

export type LibraryLoad = { readonly functions: RegisteredFunction[] } | { readonly error: string };

/** functionsVerifyName: letters, digits and underscores, at least one. */
export const validName = (name: string): boolean => /^[A-Za-z0-9_]+$/.test(name);
