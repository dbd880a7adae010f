import type { ScriptVm, ScriptVmFactory } from './types.ts';

/** A cached script: its body and the flags its `#!lua` line gave it. */
export interface CachedScript {
  readonly body: string;
  readonly readOnly: boolean;
  readonly allowOom: boolean;
}

/**
 * The server's scripts by SHA-1 (lower case) and the interpreter that compiled them; SCRIPT FLUSH
 * drops both, as Redis resets its lua_State.
 */
export class ScriptCache {
  private vmInstance: ScriptVm | null = null;
  readonly scripts = new Map<string, CachedScript>();
  /** Counts loads and flushes, so a saver can tell the cache changed without comparing it. */
  version = 0;

  constructor(private readonly factory: ScriptVmFactory) {}

  get vm(): ScriptVm {
    if (this.vmInstance === null) this.vmInstance = this.factory();
    return this.vmInstance;
  }

  add(sha: string, script: CachedScript): void {
    this.scripts.set(sha, script);
    this.version++;
  }

  flush(): void {
    this.vmInstance?.close();
    this.vmInstance = null;
    this.scripts.clear();
    this.version++;
  }
}
