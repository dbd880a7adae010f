import { useEffect, useState } from 'react';
import type { KeyDetails as Details, FieldLifetime } from '../../worker/protocol.ts';
import { useClient } from '../client-context.tsx';
import { formatInstant } from '../format-time.ts';
import { displayKey, keyArgument } from '../key-view.ts';
import { TtlCell } from '../panels/TtlCell.tsx';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import { fieldTimeline } from '../timeline/field-lifetimes.ts';
import './key-table.css';
import './keys.css';

/** One draining bar per field (or set member) with its own TTL, nearest deadline first. */
function FieldBars({
  fields,
  keyName,
  zone,
}: {
  fields: readonly FieldLifetime[];
  keyName: string;
  zone: 'local' | 'utc';
}) {
  return (
    <section className="field-bars" aria-label={`Field TTLs of ${keyName}`}>
      <h3>Field TTLs</h3>
      <ul>
        {fields.map((f) => (
          <li key={f.field} title={`${f.label} expires at ${formatInstant(f.deadline, zone)}`}>
            <span className="field-name">{f.label}</span>
            <TtlCell label={`Time left on field ${f.label}`} deadline={f.deadline} total={f.ttlGiven} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The selected key: its value, encoding, PTTL and deadline, and actions that run as ordinary console
 * commands (so they show up in the console like anything typed).
 */
export function KeyDetails() {
  const selected = useApp((s) => s.selectedKey);
  const row = useApp((s) => (s.selectedKey ? s.rows.get(s.selectedKey) : undefined));
  const db = row?.db;
  const key = row?.key;
  // Removal marks a row in place, so read it with the version that changes when it does.
  const gone = useApp((s) => (s.selectedKey ? s.rows.get(s.selectedKey)?.removed !== undefined : false));
  const version = row?.version;
  const zone = useApp((s) => s.timeZone);
  const [details, setDetails] = useState<Details | null>(null);
  const [seconds, setSeconds] = useState('60');
  const client = useClient();

  // Re-read the value whenever the row changes (its version moves).
  useEffect(() => {
    if (db === undefined || key === undefined || gone || version === undefined) return;
    let live = true;
    void client.inspect(db, key).then((d) => {
      if (!live) return;
      setDetails(d);
      fieldTimeline.track(db, key);
      fieldTimeline.update(d.fields, virtualNow(useApp.getState().clock));
    });
    return () => {
      live = false;
    };
  }, [client, db, key, gone, version]);

  if (!selected || !row) return null;
  const name = displayKey(row.key);
  const arg = keyArgument(row.key);
  const run = (line: string) => void client.exec([line]);
  const valid = /^[0-9]+$/.test(seconds) && Number(seconds) > 0;
  return (
    <aside className="key-details" aria-label="Key details">
      <header>
        <h2 title={name}>{name}</h2>
        <button
          type="button"
          className="link"
          aria-label="Close details"
          onClick={() => useApp.getState().selectKey(null)}
        >
          ✕
        </button>
      </header>
      <dl>
        <dt>Type</dt>
        <dd>{row.type}</dd>
        <dt>Encoding</dt>
        <dd>{details?.encoding ?? row.encoding}</dd>
        <dt>TTL</dt>
        <dd>
          <TtlCell label={`Time left on ${name}`} deadline={row.deadline} total={row.ttlGiven} />
        </dd>
        <dt>PTTL</dt>
        <dd>{details ? `${details.pttl} ms when read` : '…'}</dd>
        <dt>Deadline</dt>
        <dd>
          {row.deadline === null ? 'none' : `${formatInstant(row.deadline, zone)} (${row.deadline} ms)`}
        </dd>
      </dl>
      {details?.fields && !row.removed && <FieldBars fields={details.fields} keyName={name} zone={zone} />}
      <div className="value-block">
        <h3>Value</h3>
        <pre className="value">{details?.value ?? row.preview}</pre>
      </div>
      {row.removed ? (
        <p className="muted gone-note">This key is gone.</p>
      ) : (
        <div className="actions">
          <button type="button" disabled={row.deadline === null} onClick={() => run(`PERSIST ${arg}`)}>
            Persist
          </button>
          <span className="expire-in">
            <label htmlFor="expire-seconds">Expire in</label>
            <input
              id="expire-seconds"
              inputMode="numeric"
              value={seconds}
              onChange={(e) => setSeconds(e.target.value)}
              size={6}
            />
            <span>s</span>
            <button type="button" disabled={!valid} onClick={() => run(`EXPIRE ${arg} ${seconds}`)}>
              Expire
            </button>
          </span>
          <button type="button" className="danger" onClick={() => run(`DEL ${arg}`)}>
            Delete
          </button>
        </div>
      )}
    </aside>
  );
}
