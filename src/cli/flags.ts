import { type Compat, DEFAULT_COMPAT, isCompat, parseCompat } from '../engine/compat.ts';

/** `--flag value` or `--flag=value` from a command line; undefined when absent. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${flag}=`));
  return eq?.slice(flag.length + 1);
}

/**
 * `--compat <name>`: the server to answer as (redis-7.0 by default). Returns the name, or writes
 * what names there are and returns null.
 */
export function compatFlag(args: readonly string[]): Compat | null {
  const given = flagValue(args, '--compat') ?? DEFAULT_COMPAT;
  const parsed = parseCompat(given);
  if (isCompat(parsed)) return parsed;
  process.stderr.write(`${parsed}\n`);
  return null;
}
