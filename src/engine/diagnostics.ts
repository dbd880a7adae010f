/**
 * What the server records about itself for ACL LOG and LATENCY HISTOGRAM: failed authentications
 * (acl.c addACLLogEntry; the only denials here, as `default` may run everything) and how many times
 * each command ran (the count of call()'s latency histogram; on the virtual clock a command takes
 * no time, so every call falls in the first bucket).
 */

export interface AclLogEntry {
  count: number;
  readonly reason: 'auth';
  readonly context: 'toplevel' | 'multi';
  /** The command as typed (argv[0]): `AUTH`, `hello`, … */
  readonly object: string;
  readonly username: string;
  /** Engine clock ms of the latest occurrence. */
  ctime: number;
  /** CLIENT INFO of the client at the latest occurrence. */
  clientInfo: string;
}

/** acllog-max-len's default. */
const ACL_LOG_MAX_LEN = 128;
/** ACL_LOG_GROUPING_MAX_TIME_DELTA: like entries within a minute are counted as one. */
const GROUPING_MS = 60_000;

export class ServerDiagnostics {
  /** Newest first. */
  readonly aclLog: AclLogEntry[] = [];
  /** Calls per command full name (`client|list`), in first-call order. */
  /** Calls per command's full name; a counter object each, so counting is one lookup, not two. */
  private readonly calls = new Map<string, { n: number }>();

  addAclLogEntry(entry: Omit<AclLogEntry, 'count'>): void {
    // Only the 10 newest entries are looked at for one to update.
    const at = this.aclLog
      .slice(0, 10)
      .findIndex(
        (e) =>
          e.reason === entry.reason &&
          e.context === entry.context &&
          Math.abs(e.ctime - entry.ctime) <= GROUPING_MS &&
          e.object === entry.object &&
          e.username === entry.username,
      );
    if (at >= 0) {
      const [match] = this.aclLog.splice(at, 1) as [AclLogEntry];
      match.count++;
      match.ctime = entry.ctime;
      match.clientInfo = entry.clientInfo;
      this.aclLog.unshift(match);
      return;
    }
    this.aclLog.unshift({ ...entry, count: 1 });
    if (this.aclLog.length > ACL_LOG_MAX_LEN) this.aclLog.length = ACL_LOG_MAX_LEN;
  }

  countCall(fullName: string): void {
    const counter = this.calls.get(fullName);
    if (counter === undefined) this.calls.set(fullName, { n: 1 });
    else counter.n++;
  }

  /** How often a command (`name` or `container|sub`) was called; undefined when never. */
  callCount(fullName: string): number | undefined {
    return this.calls.get(fullName)?.n;
  }

  /** CONFIG RESETSTAT forgets the calls. */
  resetCalls(): void {
    this.calls.clear();
  }

  /** The full names called so far, in the order of their first call. */
  calledNames(): IterableIterator<string> {
    return this.calls.keys();
  }
}
