import type { Engine } from '../engine/engine.ts';
import { type Journal, serverState } from '../engine/snapshot/journal.ts';
import type { EffectRecord } from '../engine/snapshot/log.ts';

let lsn = 0;

/** The journal's changes since the last call as the next effect record (as persistence.ts writes it). */
export function effectRecord(s: { engine: Engine; journal: Journal }, db = 0): EffectRecord {
  return {
    kind: 'effect',
    lsn: ++lsn,
    ...serverState(s.engine),
    ...s.journal.scripts(s.engine),
    clock: { rate: 1, paused: false },
    selectedDb: db,
    cleared: false,
    lines: [{ line: 'PING', text: 'PONG\n', isError: false, at: s.engine.clock.now(), prompt: '> ' }],
    ...s.journal.take(s.engine),
  };
}
