import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandTable } from '../engine/command.ts';
import { EngineBackend, RedisBackend, runScenario, type Step } from './multi-harness.ts';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from './redis-server.ts';

/**
 * A many-client scenario recorded from redis-server 7.0.15, checked twice: the engine must give
 * every recorded output, and, when a redis-server is installed, the recording must still be what the
 * server gives (so a wrong recording cannot pass on the engine alone).
 */
export function describeRecordedScenario(
  subject: string,
  engineClaim: string,
  steps: readonly Step[],
  table?: CommandTable,
): void {
  const bin = findRedisServer();
  if (!bin) warnRedisMissing(subject, `this recording of ${subject} against redis-server`);

  describe(`${subject} on the engine`, () => {
    it(engineClaim, async () => {
      expect(await runScenario(new EngineBackend(table), steps)).toEqual([]);
    });
  });

  describe.skipIf(!bin)(`${subject}: the recording`, () => {
    let redis: RunningRedis;
    beforeAll(async () => {
      redis = await startRedis(bin as string);
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('still matches redis-server', async () => {
      expect(await runScenario(new RedisBackend(redis.port), steps)).toEqual([]);
    }, 60_000);
  });
}
