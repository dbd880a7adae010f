import { crc64Bytes } from '../rdb/crc64.ts';
import { Reader } from '../rdb/load.ts';
import { RDB_VERSION, saveString } from '../rdb/payload.ts';
import type { Reply } from '../reply.ts';
import { splitArgs } from '../tokenizer.ts';
import type { RegisteredFunction } from './lua-functions.ts';
import { type ScriptServer, type ScriptVm, type ScriptVmFactory, validName } from './types.ts';

/**
 * The server's function libraries (functions.c): each library's code and functions, loaded into a
 * Lua interpreter of their own (Redis keeps functions apart from EVAL's lua_State). FUNCTION FLUSH
 * starts a new interpreter, FLUSHALL leaves functions alone.
 */

export interface Library {
  readonly name: string;
  /** The whole code, `#!` line included, as FUNCTION LIST WITHCODE and DUMP give it. */
  readonly code: string;
  /** Where its functions live in the interpreter. */
  readonly id: number;
  readonly functions: readonly RegisteredFunction[];
}

/** A set of libraries with their function names (functionsLibCtx). */
class LibCtx {
  readonly libraries = new Map<string, Library>();
  readonly functions = new Map<string, { lib: Library; fn: RegisteredFunction }>();

  link(lib: Library): void {
    this.libraries.set(lib.name, lib);
    for (const fn of lib.functions) this.functions.set(fn.name, { lib, fn });
  }

  unlink(lib: Library): void {
    this.libraries.delete(lib.name);
    for (const fn of lib.functions) this.functions.delete(fn.name);
  }
}

const RDB_OPCODE_FUNCTION2 = 245;
const NAME_ERROR =
  'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long';

/** functionExtractLibMetaData: the engine and library name of a `#!<engine> name=<lib>` first line. */
function metadata(code: string): { engine: string; name: string; body: string } | string {
  if (!code.startsWith('#!')) return 'Missing library metadata';
  const end = code.indexOf('\n');
  if (end < 0) return 'Invalid library metadata';
  const parts = splitArgs(code.slice(0, end));
  if (parts === null || parts.length === 0) return 'Invalid library metadata';
  let name: string | null = null;
  for (const part of parts.slice(1)) {
    if (part.slice(0, 5).toLowerCase() !== 'name=') return `Invalid metadata value given: ${part}`;
    if (name !== null) return 'Invalid metadata value, name argument was given multiple times';
    name = part.slice(5);
  }
  if (name === null) return 'Library name was not given';
  return { engine: (parts[0] as string).slice(2), name, body: code.slice(end) };
}

export class FunctionStore {
  private vmInstance: ScriptVm | null = null;
  private nextId = 1;
  private current = new LibCtx();
  /** Changes whenever the libraries do (a snapshot's log saves them then). */
  version = 0;

  constructor(private readonly factory: ScriptVmFactory) {}

  private get vm(): ScriptVm {
    this.vmInstance ??= this.factory();
    return this.vmInstance;
  }

  get libraries(): ReadonlyMap<string, Library> {
    return this.current.libraries;
  }

  find(fn: string): { lib: Library; fn: RegisteredFunction } | undefined {
    return this.current.functions.get(fn);
  }

  call(
    lib: Library,
    name: string,
    keys: readonly string[],
    args: readonly string[],
    server: ScriptServer,
  ): Reply {
    return this.vm.callFunction(lib.id, name, keys, args, server);
  }

  /** FUNCTION LOAD: the library's name, or the error text. */
  load(code: string, replace: boolean): string | { error: string } {
    const made = this.create(code, replace, this.current);
    if (typeof made === 'string') this.version++;
    return made;
  }

  /** Every library's code, in the order FUNCTION LIST gives them (a snapshot saves these). */
  codes(): string[] {
    return [...this.current.libraries.values()].map((lib) => lib.code);
  }

  /** functionsCreateWithLibraryCtx. */
  private create(code: string, replace: boolean, ctx: LibCtx): string | { error: string } {
    const md = metadata(code);
    if (typeof md === 'string') return { error: md };
    if (!validName(md.name)) return { error: NAME_ERROR };
    if (md.engine.toLowerCase() !== 'lua') return { error: `Engine '${md.engine}' not found` };
    const old = ctx.libraries.get(md.name);
    if (old && !replace) return { error: `Library '${md.name}' already exists` };
    if (old) ctx.unlink(old);
    const id = this.nextId++;
    const loaded = this.vm.loadLibrary(id, md.body);
    const fail = (error: string, names: readonly string[]) => {
      this.vm.dropLibrary(id, names);
      if (old) ctx.link(old);
      return { error };
    };
    if ('error' in loaded) return fail(loaded.error, []);
    const names = loaded.functions.map((f) => f.name);
    if (loaded.functions.length === 0) return fail('No functions registered', names);
    const taken = names.find((n) => ctx.functions.has(n));
    if (taken !== undefined) return fail(`Function ${taken} already exists`, names);
    ctx.link({ name: md.name, code, id, functions: loaded.functions });
    if (old)
      this.vm.dropLibrary(
        old.id,
        old.functions.map((f) => f.name),
      );
    return md.name;
  }

  delete(name: string): boolean {
    const lib = this.current.libraries.get(name);
    if (lib === undefined) return false;
    this.version++;
    this.current.unlink(lib);
    this.vm.dropLibrary(
      lib.id,
      lib.functions.map((f) => f.name),
    );
    return true;
  }

  flush(): void {
    this.version++;
    this.vmInstance?.close();
    this.vmInstance = null;
    this.current = new LibCtx();
  }

  /** FUNCTION DUMP: each library's code after RDB_OPCODE_FUNCTION2, then the RDB version and CRC-64. */
  dump(): string {
    let body = '';
    for (const lib of this.current.libraries.values())
      body += String.fromCharCode(RDB_OPCODE_FUNCTION2) + saveString(lib.code);
    body += String.fromCharCode(RDB_VERSION & 0xff, RDB_VERSION >> 8);
    return body + crc64Bytes(body);
  }

  /** FUNCTION RESTORE after the payload's checksum was verified: the error text, or null. */
  restore(payload: string, policy: 'append' | 'replace' | 'flush'): string | null {
    const staged = new LibCtx();
    const r = new Reader(payload.slice(0, -10));
    const drop = () => {
      for (const lib of staged.libraries.values())
        this.vm.dropLibrary(
          lib.id,
          lib.functions.map((f) => f.name),
        );
    };
    while (r.at < payload.length - 10) {
      const type = r.byte();
      if (type === null) return 'can not read data type';
      if (type !== RDB_OPCODE_FUNCTION2) {
        drop();
        return 'given type is not a function';
      }
      const code = r.string();
      const made =
        code === null ? { error: 'Failed loading library payload' } : this.create(code, false, staged);
      if (typeof made !== 'string') {
        drop();
        return made.error;
      }
    }
    if (policy === 'flush') {
      for (const lib of this.current.libraries.values())
        this.vm.dropLibrary(
          lib.id,
          lib.functions.map((f) => f.name),
        );
      this.current = staged;
      this.version++;
      return null;
    }
    const error = this.join(staged, policy === 'replace');
    if (error !== null) drop();
    else this.version++;
    return error;
  }

  /** libraryJoin: all of `src` into the current libraries, or nothing (replaced ones restored). */
  private join(src: LibCtx, replace: boolean): string | null {
    const dst = this.current;
    const replaced: Library[] = [];
    const undo = () => {
      for (const lib of replaced) dst.link(lib);
    };
    for (const lib of src.libraries.values()) {
      const old = dst.libraries.get(lib.name);
      if (!old) continue;
      if (!replace) {
        undo();
        return `Library ${lib.name} already exists`;
      }
      dst.unlink(old);
      replaced.push(old);
    }
    for (const name of src.functions.keys()) {
      if (dst.functions.has(name)) {
        undo();
        return `Function ${name} already exists`;
      }
    }
    for (const lib of src.libraries.values()) dst.link(lib);
    for (const old of replaced)
      this.vm.dropLibrary(
        old.id,
        old.functions.map((f) => f.name),
      );
    return null;
  }

  /** FUNCTION STATS's engine figures. */
  counts(): { libraries: number; functions: number } {
    return { libraries: this.current.libraries.size, functions: this.current.functions.size };
  }
}
