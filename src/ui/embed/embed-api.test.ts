import { describe, expect, it } from 'vitest';
import { hostOrigin, MAX_COMMAND, originOf, parseHostMessage } from './embed-api.ts';

describe('parseHostMessage', () => {
  it('takes the three requests of the API', () => {
    expect(parseHostMessage({ type: 'run', command: 'GET k' })).toEqual({
      ok: true,
      msg: { type: 'run', command: 'GET k' },
    });
    expect(parseHostMessage({ type: 'run', command: 'GET k', id: 3 })).toEqual({
      ok: true,
      msg: { type: 'run', command: 'GET k', id: 3 },
    });
    expect(parseHostMessage({ type: 'reset', extra: 1 })).toEqual({ ok: true, msg: { type: 'reset' } });
    expect(parseHostMessage({ type: 'load', scenario: 'https://x/#scenario=abc' })).toEqual({
      ok: true,
      msg: { type: 'load', scenario: 'https://x/#scenario=abc' },
    });
  });

  it('answers anything else with an error that says what was wrong', () => {
    const error = (data: unknown) => {
      const r = parseHostMessage(data);
      return r.ok ? null : r.error;
    };
    expect(error('run')).toEqual({
      type: 'error',
      request: '?',
      message: 'a message must be an object with a type',
    });
    expect(error(null)).toMatchObject({ request: '?' });
    expect(error({ type: 'run', command: 42 })).toEqual({
      type: 'error',
      request: 'run',
      message: 'command must be a string',
    });
    expect(error({ type: 'run', command: 'SET a 1\nFLUSHALL' })).toMatchObject({
      message: 'command must be one line',
    });
    expect(error({ type: 'run', command: 'x'.repeat(MAX_COMMAND + 1) })).toMatchObject({ request: 'run' });
    expect(error({ type: 'run', command: 'PING', id: {} })).toMatchObject({
      message: 'id must be a string or a number',
    });
    expect(error({ type: 'load' })).toMatchObject({ request: 'load' });
    expect(error({ type: 'eval', code: 'alert(1)' })).toEqual({
      type: 'error',
      request: 'eval',
      message: 'unknown message type "eval"',
    });
  });
});

describe('hostOrigin', () => {
  it('takes an explicit origin parameter only when it is exactly an http(s) origin', () => {
    expect(hostOrigin('https://docs.example.com', [], '')).toBe('https://docs.example.com');
    expect(hostOrigin('https://docs.example.com/page', [], '')).toBeNull();
    expect(hostOrigin('javascript:alert(1)', [], '')).toBeNull();
    expect(hostOrigin('*', ['https://a.example'], '')).toBeNull();
  });

  it("falls back to the framing page's origin, then to the referrer's", () => {
    expect(hostOrigin(null, ['https://slides.example'], 'https://other.example/x')).toBe(
      'https://slides.example',
    );
    expect(hostOrigin(null, [], 'https://blog.example/post?q=1')).toBe('https://blog.example');
    expect(hostOrigin(null, [], '')).toBeNull();
    expect(hostOrigin(null, ['file://'], '')).toBeNull();
  });

  it('reads origins as the browser writes them', () => {
    expect(originOf('HTTPS://Docs.Example.com:443/a')).toBe('https://docs.example.com');
    expect(originOf('http://localhost:8080/')).toBe('http://localhost:8080');
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
