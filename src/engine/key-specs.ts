import { arg } from './command.ts';
import { parseInt64 } from './int64.ts';
import { array, bulk, int, type Reply, status } from './reply.ts';

/**
 * Redis 7.0's key specs (the ninth field of COMMAND INFO): where a command's key arguments start (an
 * index, or after a keyword) and how many follow (a range, or a count given by an argument), with
 * flags saying how each key is used. COMMAND GETKEYS and GETKEYSANDFLAGS read keys with them as
 * db.c getKeysUsingKeySpecs does. The specs themselves are recorded from redis-server 7.0.15 in
 * command-meta.ts (npm run gen:command-meta), with each command's ACL categories.
 */

export type BeginSearch =
  | { readonly index: number }
  | { readonly keyword: string; readonly startfrom: number }
  | { readonly unknown: true };

export type FindKeys =
  | { readonly range: readonly [lastkey: number, keystep: number, limit: number] }
  | { readonly keynum: readonly [keynumidx: number, firstkey: number, keystep: number] }
  | { readonly unknown: true };

export interface KeySpec {
  readonly notes?: string;
  readonly flags: readonly string[];
  readonly bs: BeginSearch;
  readonly fk: FindKeys;
}

export interface CommandMeta {
  readonly acl: readonly string[];
  readonly keySpecs: readonly KeySpec[];
}

/** One key spec as COMMAND INFO prints it in RESP2 (maps as flat lists). */
export function keySpecReply(k: KeySpec): Reply {
  const out: Reply[] = [];
  if (k.notes !== undefined) out.push(bulk('notes'), bulk(k.notes));
  out.push(bulk('flags'), array(k.flags.map(status)));
  out.push(bulk('begin_search'));
  if ('index' in k.bs)
    out.push(array([bulk('type'), bulk('index'), bulk('spec'), array([bulk('index'), int(k.bs.index)])]));
  else if ('keyword' in k.bs) {
    out.push(
      array([
        bulk('type'),
        bulk('keyword'),
        bulk('spec'),
        array([bulk('keyword'), bulk(k.bs.keyword), bulk('startfrom'), int(k.bs.startfrom)]),
      ]),
    );
  } else out.push(array([bulk('type'), bulk('unknown'), bulk('spec'), array([])]));
  out.push(bulk('find_keys'));
  if ('range' in k.fk) {
    const [lastkey, keystep, limit] = k.fk.range;
    out.push(
      array([
        bulk('type'),
        bulk('range'),
        bulk('spec'),
        array([bulk('lastkey'), int(lastkey), bulk('keystep'), int(keystep), bulk('limit'), int(limit)]),
      ]),
    );
  } else if ('keynum' in k.fk) {
    const [keynumidx, firstkey, keystep] = k.fk.keynum;
    out.push(
      array([
        bulk('type'),
        bulk('keynum'),
        bulk('spec'),
        array([
          bulk('keynumidx'),
          int(keynumidx),
          bulk('firstkey'),
          int(firstkey),
          bulk('keystep'),
          int(keystep),
        ]),
      ]),
    );
  } else out.push(array([bulk('type'), bulk('unknown'), bulk('spec'), array([])]));
  return array(out);
}

export interface KeyRef {
  readonly pos: number;
  readonly flags: readonly string[];
}

/**
 * getKeysUsingKeySpecs: the key positions in argv (the command name at 0), or null where a spec
 * cannot be followed (Redis then answers "Invalid arguments specified for command").
 */
export function keysFromSpecs(specs: readonly KeySpec[], argv: readonly string[]): KeyRef[] | null {
  const argc = argv.length;
  const keys: KeyRef[] = [];
  for (const spec of specs) {
    if (spec.flags.includes('not_key')) continue;
    let first = 0;
    if ('index' in spec.bs) {
      first = spec.bs.index;
    } else if ('keyword' in spec.bs) {
      const { keyword, startfrom } = spec.bs;
      const start = startfrom > 0 ? startfrom : argc + startfrom;
      const end = startfrom > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (arg(argv, i).toLowerCase() === keyword.toLowerCase()) {
          first = i + 1;
          break;
        }
      }
      if (first === 0) continue;
    } else {
      return null;
    }
    let last: number;
    let step: number;
    if ('range' in spec.fk) {
      const [lastkey, keystep, limit] = spec.fk.range;
      step = keystep;
      if (lastkey >= 0) last = first + lastkey;
      else if (limit === 0) last = argc + lastkey;
      else last = first + (Math.floor((argc - first) / limit) + lastkey);
    } else if ('keynum' in spec.fk) {
      const [keynumidx, firstkey, keystep] = spec.fk.keynum;
      step = keystep;
      if (keynumidx >= argc) return null;
      const numkeys = parseInt64(argv[first + keynumidx] ?? '');
      if (numkeys === null || numkeys < 0) return null;
      first += firstkey;
      last = first + Number(numkeys) - 1;
    } else {
      return null;
    }
    if (last >= argc || last < first || first >= argc) return null;
    for (let i = first; i <= last; i += step) keys.push({ pos: i, flags: spec.flags });
    if (spec.flags.includes('incomplete')) return null;
  }
  return keys;
}
