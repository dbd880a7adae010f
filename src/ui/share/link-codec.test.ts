import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../../engine/snapshot/codec.ts';
import { snapshotArbitrary } from '../../testing/arbitraries/snapshot.ts';
import {
  decodeScenario,
  encodeScenario,
  fromBase64Url,
  LinkError,
  linkFor,
  MAX_INFLATED,
  payloadOf,
  readScenarioFile,
  scenarioFile,
  toBase64Url,
} from './link-codec.ts';

describe('share link codec', () => {
  it('decode(encode(s)) = s', async () => {
    await fc.assert(
      fc.asyncProperty(snapshotArbitrary, async (s) => {
        const payload = await encodeScenario(s);
        expect(payload).toMatch(/^[A-Za-z0-9_-]*$/);
        const link = linkFor('https://example.org/play/?x=1#old', payload);
        const back = payloadOf(new URL(link).hash);
        expect(back).toBe(payload);
        expect((await decodeScenario(back as string)).snapshot).toEqual(s);
        expect(readScenarioFile(scenarioFile(payload))).toBe(payload);
      }),
      { numRuns: 150 },
    );
  });

  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      }),
    );
  });

  it('refuses a payload that inflates past the bound, before reading it all', async () => {
    // 64 MB of zeros deflates to about 64 KB: a "zip bomb" link.
    const bomb = new Uint8Array(64 * 1024 * 1024);
    const payload = await encodeScenario(bomb);
    expect(payload.length).toBeLessThan(200_000);
    await expect(decodeScenario(payload)).rejects.toThrow(`inflates past ${MAX_INFLATED / 1024 / 1024} MB`);
  });

  it('refuses damaged or foreign payloads with a reason, never another error', async () => {
    const good = await encodeScenario(
      encodeSnapshot(fc.sample(snapshotArbitrary, { numRuns: 1, seed: 4 })[0]!),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('A', '_', '-', 'z'), async (at, c) => {
        const i = at % good.length;
        const bad = good.slice(0, i) + (good[i] === c ? 'Q' : c) + good.slice(i + 1);
        await decodeScenario(bad).then(
          () => {},
          (e: unknown) => expect(e).toBeInstanceOf(LinkError),
        );
        await expect(decodeScenario(good.slice(0, i))).rejects.toBeInstanceOf(LinkError);
      }),
      { numRuns: 100 },
    );
    await expect(decodeScenario('not base64!')).rejects.toThrow('characters base64url does not use');
    await expect(decodeScenario(await encodeScenario(new TextEncoder().encode('hello')))).rejects.toThrow(
      'not a saved playground',
    );
    expect(readScenarioFile('# A page\n')).toBeNull();
    expect(readScenarioFile('{"format":"other","scenario":"x"}')).toBeNull();
  });
});
