import { formatInstant } from '../format-time.ts';
import { displayKey } from '../key-view.ts';
import { TtlCell } from '../panels/TtlCell.tsx';
import { useApp } from '../store/index.ts';
import '../keys/key-table.css';

/**
 * The bridged server's keys: name, type and a TTL bar draining on the wall clock (the server's time,
 * not the playground's). Read again after every keyspace event and every two seconds; the first 2,000.
 */
export function ServerKeyTable() {
  const rows = useApp((s) => s.serverRows);
  const zone = useApp((s) => s.timeZone);
  const pattern = useApp((s) => s.pattern);
  const shown = rows.filter((r) => matches(pattern, r.key));
  return (
    <div className="server-keys">
      <table className="key-table" aria-label="Keys" aria-rowcount={shown.length + 1}>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Type</th>
            <th scope="col">TTL</th>
            <th scope="col">Expires at</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key}>
              <td>{displayKey(r.key)}</td>
              <td>{r.type}</td>
              <td>
                <TtlCell
                  label={`TTL of ${displayKey(r.key)}`}
                  deadline={r.deadline}
                  total={r.pttl}
                  wallClock
                />
              </td>
              <td>{r.deadline === null ? '' : formatInstant(r.deadline, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted empty-table">No keys on the server in this database.</p>}
    </div>
  );
}

/** The key filter's glob, for the server's rows (`*`, `?`, `[…]`). */
function matches(pattern: string, key: string): boolean {
  if (pattern === '' || pattern === '*') return true;
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  try {
    return new RegExp(`^${re}$`, 's').test(key);
  } catch {
    return true;
  }
}
