import { describe, expect, it } from 'vitest';
import { readMode } from './mode.ts';

describe('readMode', () => {
  it('is the full app by default, presenting with ?present', () => {
    expect(readMode('')).toEqual({ kind: 'app', present: false, readonly: false, channel: null });
    expect(readMode('?lesson=psetex-basics&present')).toMatchObject({ kind: 'app', present: true });
    expect(readMode('?present=0')).toMatchObject({ kind: 'app', present: false });
  });

  it('is an embed with ?embed, read-only with &readonly', () => {
    expect(readMode('?embed')).toEqual({ kind: 'embed', present: false, readonly: false, channel: null });
    expect(readMode('?embed&readonly&lesson=x')).toMatchObject({ kind: 'embed', readonly: true });
    expect(readMode('?embed=false')).toMatchObject({ kind: 'app' });
  });

  it('is an audience window only for a well-formed channel id', () => {
    expect(readMode('?audience=a-m3x-1z')).toEqual({
      kind: 'audience',
      present: true,
      readonly: true,
      channel: 'a-m3x-1z',
    });
    expect(readMode('?audience=../../x')).toMatchObject({ kind: 'app' });
    expect(readMode(`?audience=${'a'.repeat(41)}`)).toMatchObject({ kind: 'app' });
  });
});
