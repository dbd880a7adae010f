import type { Engine } from './engine.ts';
import { fieldState, registeredCount } from './field-expiry.ts';

/**
 * INFO's text, in Redis's layout (`# Section` then `field:value` lines, CRLF, a blank line between
 * sections). Only the fields a playground can answer truthfully are listed.
 */

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'stats', 'keyspace'];
const ALL_SECTIONS = DEFAULT_SECTIONS;

function humanBytes(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let v = n;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(2)}${units[i]}`;
}

function section(title: string, fields: readonly (readonly [string, string | number])[]): string {
  let out = `# ${title}\r\n`;
  for (const [k, v] of fields) out += `${k}:${v}\r\n`;
  return out;
}

function renderSection(engine: Engine, name: string): string | undefined {
  const now = engine.clock.now();
  const cfg = engine.config;
  switch (name) {
    case 'server': {
      const uptime = Math.floor((now - engine.startedAt) / 1000);
      return section('Server', [
        ['redis_version', engine.profile.redisVersion],
        ...engine.profile.serverFields,
        ['redis_mode', 'standalone'],
        ['os', 'Expiry Playground (in-process engine)'],
        ['arch_bits', 64],
        ['tcp_port', 6379],
        ['server_time_usec', now * 1000],
        ['uptime_in_seconds', uptime],
        ['uptime_in_days', Math.floor(uptime / 86400)],
        ['hz', cfg.hz],
        ['configured_hz', cfg.hz],
      ]);
    }
    case 'clients':
      return section('Clients', [['connected_clients', engine.connectedClients]]);
    case 'memory':
      return section('Memory', [
        ['used_memory', engine.ks.usedBytes],
        ['used_memory_human', humanBytes(engine.ks.usedBytes)],
        ['maxmemory', cfg.maxmemory],
        ['maxmemory_human', humanBytes(cfg.maxmemory)],
        ['maxmemory_policy', 'noeviction'],
      ]);
    case 'stats': {
      const ks = engine.ks;
      return section('Stats', [
        ['total_commands_processed', engine.stats.totalCommands],
        ...(engine.profile.subkeyInfo ? [['expired_subkeys', fieldState(ks).expiredSubkeys] as const] : []),
        ['expired_keys', ks.stats.expiredKeys],
        ['expired_stale_perc', (engine.expiry.staleEstimate * 100).toFixed(2)],
        ['expired_time_cap_reached_count', engine.expiry.timeCapReachedCount],
        ['expire_cycle_cpu_milliseconds', Math.floor(engine.expiry.cycleTimeUsedUs / 1000)],
        ['evicted_keys', 0],
        ['keyspace_hits', ks.stats.keyspaceHits],
        ['keyspace_misses', ks.stats.keyspaceMisses],
        ['total_error_replies', engine.stats.errorReplies],
      ]);
    }
    case 'keyspace': {
      const lines: [string, string][] = [];
      for (const db of engine.ks.dbs) {
        const keys = db.dict.size;
        const expires = db.volatile.length;
        if (!keys && !expires) continue;
        const sub = engine.profile.subkeyInfo ? `,subexpiry=${registeredCount(engine.ks, db)}` : '';
        lines.push([`db${db.id}`, `keys=${keys},expires=${expires},avg_ttl=${db.avgTtl}${sub}`]);
      }
      return section('Keyspace', lines);
    }
    default:
      return undefined;
  }
}

/** INFO [section ...]: no argument, `default`, `all` and `everything` give every section we have. */
export function renderInfo(engine: Engine, requested: readonly string[]): string {
  let names: string[];
  if (requested.length === 0 || requested.some((s) => s === 'default')) names = DEFAULT_SECTIONS;
  else if (requested.some((s) => s === 'all' || s === 'everything')) names = ALL_SECTIONS;
  else names = ALL_SECTIONS.filter((s) => requested.includes(s));
  const parts: string[] = [];
  for (const name of names) {
    const text = renderSection(engine, name);
    if (text !== undefined) parts.push(text);
  }
  return parts.join('\r\n');
}
