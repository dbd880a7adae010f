import { useEffect, useRef, useState } from 'react';
import { useClient } from '../client-context.tsx';
import { Modal } from '../persist/Modal.tsx';
import { DEFAULT_PLAYGROUND, playgroundUrl } from '../persist/playground.ts';
import { useApp } from '../store/index.ts';
import { encodeScenario, linkFor, MAX_LINK_CHARS, scenarioFile } from './link-codec.ts';
import { acceptScenario, shortenDoc, summarise } from './scenario.ts';
import './share.css';

/** Saves `text` as a file through the browser's download. */
export function download(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Share": a link that reproduces the playground as it is now, or a file when the link would be too long. */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Share
      </button>
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const page = useApp((s) => s.docPage);
  const position = useApp((s) => s.docPosition);
  const [withDoc, setWithDoc] = useState(page !== null);
  const [payload, setPayload] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let live = true;
    setPayload(null);
    void client
      .capture(withDoc)
      .then((bytes) => encodeScenario(shortenDoc(bytes)))
      .then((p) => {
        if (live) setPayload(p);
      });
    return () => {
      live = false;
    };
  }, [client, withDoc]);
  const link = payload === null ? '' : linkFor(playgroundUrl(DEFAULT_PLAYGROUND), payload);
  const tooLong = link.length > MAX_LINK_CHARS;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <Modal title="Share" onClose={onClose}>
      <p>
        The link holds the keys, their values and deadlines, CONFIG, scripts and the clock, compressed into
        its fragment (the part after #), which browsers do not send to any server. Opening it shows what it
        holds first, then loads it into a new playground, leaving the opener's own as it was.
      </p>
      {page && (
        <label className="checkbox">
          <input type="checkbox" checked={withDoc} onChange={(e) => setWithDoc(e.target.checked)} />
          Include the open page ({page.title || page.path}) at step {position + 1}
        </label>
      )}
      <label className="field">
        Share link
        <input ref={input} type="text" readOnly value={payload === null ? 'Preparing…' : link} />
      </label>
      <p className="muted" aria-live="polite">
        {payload === null
          ? ''
          : tooLong
            ? `This link is ${(link.length / 1024).toFixed(1)} KB, more than the ~8 KB a link can safely be. Download the scenario as a file instead: it opens with Open file… in the Docs tab, or by dropping it there.`
            : `${(link.length / 1024).toFixed(1)} KB${copied ? ' · Copied' : ''}`}
      </p>
      <div className="modal-buttons">
        <button type="button" className="primary" disabled={payload === null} onClick={() => void copy()}>
          Copy link
        </button>
        <button
          type="button"
          disabled={payload === null}
          onClick={() =>
            payload && download('playground.scenario.json', scenarioFile(payload), 'application/json')
          }
        >
          Download scenario file
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** What a shared scenario holds, before anything loads; Open puts it in a new playground. */
export function ScenarioOfferDialog() {
  const client = useClient();
  const offer = useApp((s) => s.scenarioOffer);
  const zone = useApp((s) => s.timeZone);
  if (!offer) return null;
  const sum = summarise(offer.snapshot, zone);
  const close = () => useApp.getState().offerScenario(null);
  return (
    <Modal title="Open a shared scenario?" onClose={close}>
      <p>
        {offer.from === 'this link' ? 'This link' : offer.from} holds {sum.keys}{' '}
        {sum.keys === 1 ? 'key' : 'keys'}
        {sum.dbs.length > 0
          ? ` (${sum.dbs.map((d) => `db${d.db}: ${d.keys}, ${d.volatile} with a TTL`).join('; ')})`
          : ''}
        , clock at {sum.clock}
        {sum.scripts > 0 ? `, ${sum.scripts} cached script${sum.scripts === 1 ? '' : 's'}` : ''}
        {sum.config.length > 0 ? `, ${sum.config.join(', ')}` : ''}.
      </p>
      {sum.sample.length > 0 && (
        <table className="scenario-keys">
          <caption className="visually-hidden">First keys of the scenario</caption>
          <thead>
            <tr>
              <th>db</th>
              <th>key</th>
              <th>type</th>
              <th>TTL</th>
            </tr>
          </thead>
          <tbody>
            {sum.sample.map((k) => (
              <tr key={`${k.db} ${k.key}`}>
                <td>{k.db}</td>
                <td>{k.key}</td>
                <td>{k.type}</td>
                <td>{k.ttl}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sum.doc && <p>It opens the {sum.doc}.</p>}
      <p className="muted">
        It opens on a keyspace and clock of its own; your keys wait, untouched, until you close it.
      </p>
      <div className="modal-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => void acceptScenario(client, offer.snapshot, offer.from)}
        >
          Open scenario
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
