import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';
import { LuaVm } from '../scripting/lua-vm.ts';

// Every expected reply below was printed by redis-cli --no-raw against redis-server 7.0.15
// (one connection per line, so SELECT inside a script shows it does not move the caller).
describe('EVAL, EVALSHA, EVAL_RO, SCRIPT', () => {
  it('replies as Redis 7.0 does: conversions, errors with their script suffix, the cache', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['EVAL "return ARGV[1]" 0 hello', '"hello"'],
        ['EVAL "return 1" -1', "(error) ERR Number of keys can't be negative"],
        ['EVAL "return 1" 2 a', "(error) ERR Number of keys can't be greater than number of args"],
        ['EVAL "return 1" x', '(error) ERR value is not an integer or out of range'],
        [
          'EVALSHA 0000000000000000000000000000000000000000 0',
          '(error) NOSCRIPT No matching script. Please use EVAL.',
        ],
        ['EVALSHA abc 0', '(error) NOSCRIPT No matching script. Please use EVAL.'],
        [
          'EVAL "return foo" 0',
          "(error) ERR user_script:1: Script attempted to access nonexistent global variable 'foo' script: 47e30a5d10d5694f99208f9adc4fe3bf2450edbd, on @user_script:1.",
        ],
        [
          'EVAL "x = 1" 0',
          '(error) ERR user_script:1: Attempt to modify a readonly table script: 34bce5f775de97f557a34088509c8bfe1ea17e52, on @user_script:1.',
        ],
        [
          'EVAL "return _G.foo" 0',
          "(error) ERR user_script:1: Script attempted to access nonexistent global variable 'foo' script: 14b334a3e1207cac27cf13552a3fe5249fbac092, on @user_script:1.",
        ],
        [
          'EVAL "_G.x = 1" 0',
          '(error) ERR user_script:1: Attempt to modify a readonly table script: e5cf4a26667af1721988fe8c9829d5cd2e26c62e, on @user_script:1.',
        ],
        ['EVAL "return rawget(_G, \'foo\')" 0', '(nil)'],
        ["EVAL \"return 'k'..1 ..'/'..1.5\" 0", '"k1/1.5"'],
        [
          'EVAL "return redis.call(\'nosuch\')" 0',
          '(error) ERR Unknown Redis command called from script script: 206396248e12c6e742fd7296250433c8d7343b74, on @user_script:1.',
        ],
        ['SET s abc', 'OK'],
        [
          "EVAL \"return redis.call('incr','s')\" 0",
          '(error) ERR value is not an integer or out of range script: c243b9f46db13ba8f69da41b45a77708832babed, on @user_script:1.',
        ],
        ["EVAL \"return redis.pcall('incr','s')\" 0", '(error) ERR value is not an integer or out of range'],
        [
          'EVAL "return {1,2,{3,\'x\'},nil,5}" 0',
          '1) (integer) 1\n2) (integer) 2\n3) 1) (integer) 3\n   2) "x"',
        ],
        ['EVAL "return 3.99" 0', '(integer) 3'],
        ['EVAL "return -3.99" 0', '(integer) -3'],
        ['EVAL "return true" 0', '(integer) 1'],
        ['EVAL "return false" 0', '(nil)'],
        ['EVAL "return {err=\'My Error\'}" 0', '(error) My Error'],
        ['EVAL "return {ok=\'fine\'}" 0', 'fine'],
        ['EVAL "return redis.error_reply(\'boom\')" 0', '(error) ERR boom'],
        ['EVAL "return redis.error_reply(\'-WRONG x\')" 0', '(error) WRONG x'],
        ['EVAL "return redis.status_reply(\'yo\')" 0', 'yo'],
        ['EVAL "return redis.status_reply()" 0', '(error) ERR wrong number or type of arguments'],
        [
          'EVAL "return \'x\' .. " 0',
          "(error) ERR Error compiling script (new function): user_script:1: unexpected symbol near '<eof>'",
        ],
        [
          'EVAL "error(\'hi\')" 0',
          '(error) ERR user_script:1: hi script: 69182155b37d47e14707caf1be65b6f12d041493, on @user_script:1.',
        ],
        [
          'EVAL "error({err=\'custom\'})" 0',
          '(error) custom script: 4096e5e084bef2edada1a62795cec3203051bcfa, on @user_script:1.',
        ],
        [
          'EVAL "return redis.call()" 0',
          '(error) ERR Please specify at least one argument for this redis lib call script: 0a907e1429221a4d85516cab7fd219a82a9439d8, on @user_script:1.',
        ],
        [
          'EVAL "return redis.call(\'get\')" 0',
          '(error) ERR Wrong number of args calling Redis command from script script: f187dee77f607f7cff00bbabc9df38507582c78d, on @user_script:1.',
        ],
        [
          "EVAL \"return redis.call('set','k')\" 0",
          '(error) ERR Wrong number of args calling Redis command from script script: 1384d01567825fcb30138260ab76c5f9a2eebfec, on @user_script:1.',
        ],
        [
          "EVAL_RO \"return redis.call('set','k','v')\" 0",
          '(error) ERR Write commands are not allowed from read-only scripts. script: d223ed8c7345b684e8ed044ed472601f536fa58b, on @user_script:1.',
        ],
        ['EVAL_RO "return redis.call(\'GET\', KEYS[1])" 1 mykey', '(nil)'],
        [
          'EVAL "return redis.call(\'multi\')" 0',
          '(error) ERR This Redis command is not allowed from script script: c329a1a294be6bf95b44144f7502610661ae925a, on @user_script:1.',
        ],
        [
          "EVAL \"return redis.call('eval','return 1','0')\" 0",
          '(error) ERR This Redis command is not allowed from script script: 1e5046f3a9119d3dc9cf5824428b6d9fedd305d2, on @user_script:1.',
        ],
        [
          "EVAL \"return redis.call('object','foo')\" 0",
          '(error) ERR Unknown Redis command called from script script: 30195b0700a07bac87d50f664bcb9f924cdbc72f, on @user_script:1.',
        ],
        ["EVAL \"return redis.call('set', 'k', 1.5)\" 0", 'OK'],
        ['GET k', '"1.5"'],
        [
          "EVAL \"return redis.call('set','k',{})\" 0",
          '(error) ERR Lua redis lib command arguments must be strings or integers script: 13debc89c40ddde9cfb986db6803b0750cf6fa19, on @user_script:1.',
        ],
        [
          "EVAL \"return {1,2,3.7,-3.7,'a',true,false,{ok='x'},{err='E y'}}\" 0",
          '1) (integer) 1\n2) (integer) 2\n3) (integer) 3\n4) (integer) -3\n5) "a"\n6) (integer) 1\n7) (nil)\n8) x\n9) (error) E y',
        ],
        ['EVAL "return redis.call(\'ping\')" 0', 'PONG'],
        ["EVAL \"return tostring(10/2) .. ' ' .. 0.1 .. ' ' .. 7/2\" 0", '"5 0.1 3.5"'],
        ['EVAL "return redis.sha1hex(\'\')" 0', '"da39a3ee5e6b4b0d3255bfef95601890afd80709"'],
        [
          'EVAL "return redis.sha1hex()" 0',
          '(error) ERR wrong number of arguments script: 3c7ce947ae74a835cc575b6ee87fb27503cb7ba4, on @user_script:1.',
        ],
        ['SCRIPT LOAD "return 1"', '"e0e1f9fabfc9d4800c877a703b823ac0578ff8db"'],
        [
          'SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db E0E1F9FABFC9D4800C877A703B823AC0578FF8DB x',
          '1) (integer) 1\n2) (integer) 1\n3) (integer) 0',
        ],
        ['EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0', '(integer) 1'],
        ['EVALSHA E0E1F9FABFC9D4800C877A703B823AC0578FF8DB 0', '(integer) 1'],
        ['SCRIPT FLUSH foo', '(error) ERR SCRIPT FLUSH only support SYNC|ASYNC option'],
        ['SCRIPT FLUSH async', 'OK'],
        ['SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '1) (integer) 0'],
        [
          'EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0',
          '(error) NOSCRIPT No matching script. Please use EVAL.',
        ],
        ['SCRIPT EXISTS', "(error) ERR wrong number of arguments for 'script|exists' command"],
        ['SCRIPT KILL', '(error) NOTBUSY No scripts in execution right now.'],
        ['SCRIPT LOAD', "(error) ERR wrong number of arguments for 'script|load' command"],
        [
          'SCRIPT LOAD "return +"',
          "(error) ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'",
        ],
        ['SCRIPT foo', "(error) ERR unknown subcommand 'foo'. Try SCRIPT HELP."],
        ['EVAL "#!lua" 0', '(error) ERR Invalid script shebang'],
        ['EVAL "#!lua\\nreturn 1" 0', '(integer) 1'],
        [
          "EVAL \"#!lua flags=no-writes\\nreturn redis.call('set','k','v')\" 0",
          '(error) ERR Write commands are not allowed from read-only scripts. script: 34c8c9d31128963989284e33e9f94720fd85832d, on @user_script:2.',
        ],
        ['EVAL "#!lua flags=bogus\\nreturn 1" 0', '(error) ERR Unexpected flag in script shebang: bogus'],
        ['EVAL "#!python\\nreturn 1" 0', '(error) ERR Unexpected engine in script shebang: #!python'],
        ['EVAL "#!lua foo=bar\\nreturn 1" 0', '(error) ERR Unknown lua shebang option: foo=bar'],
        ['EVAL "return type(unpack)" 0', '"function"'],
        ['EVAL "return type(loadstring)" 0', '"function"'],
        [
          'EVAL "return type(print)" 0',
          "(error) ERR user_script:1: Script attempted to access nonexistent global variable 'print' script: 296aa29e565df267b5e30e498f3872c9f9e8e8cc, on @user_script:1.",
        ],
        ['EVAL "return type(math.type)" 0', '"nil"'],
        ['EVAL "return redis.REDIS_VERSION" 0', '"7.0.15"'],
        ["EVAL \"return {redis.call('type','nokey'), redis.call('get','nokey')}\" 0", '1) none\n2) (nil)'],
        ['EVAL "return KEYS" 2 a b c', '1) "a"\n2) "b"'],
        ['EVAL "return ARGV" 2 a b c d', '1) "c"\n2) "d"'],
        [
          "EVAL \"redis.call('SET', KEYS[1], ARGV[1], 'PX', 100) return redis.call('PTTL', KEYS[1])\" 1 sk v",
          '(integer) 100',
        ],
        ['EVAL "return redis.call(\'EXPIRE\', KEYS[1], ARGV[1] * 60)" 1 sk 10', '(integer) 1'],
        ['TTL sk', '(integer) 600'],
        [
          'EVAL "local n = redis.call(\'INCRBY\', KEYS[1], ARGV[1]) return n * 1000" 1 cnt 2000000',
          '(integer) 2000000000',
        ],
        ['EVAL "return tonumber(ARGV[1]) * 1000" 0 1700000000', '(integer) 1700000000000'],
        [
          'EVAL "local t = {} for i = 1, 3 do t[#t + 1] = i * 2 end return t" 0',
          '1) (integer) 2\n2) (integer) 4\n3) (integer) 6',
        ],
        ["EVAL \"return string.format('%s-%d', 'a', 7)\" 0", '"a-7"'],
        ['EVAL "return math.floor(7 / 2)" 0', '(integer) 3'],
        ['EVAL "return redis.call(\'SELECT\', 1)" 0', 'OK'],
        ["EVAL \"redis.call('SELECT', 1) return redis.call('SET', 'indb1', 'x')\" 0", 'OK'],
        ['DBSIZE', '(integer) 4'],
        [
          "EVAL \"local ok, err = pcall(redis.call, 'incr', 's') return err\" 0",
          '"ERR value is not an integer or out of range"',
        ],
        [
          "EVAL \"return {redis.pcall('incr', 's')}\" 0",
          '1) (error) ERR value is not an integer or out of range',
        ],
        [
          "EVAL \"return redis.call('config', 'get', 'hz')\" 0",
          '(error) ERR This Redis command is not allowed from script script: 4fd161615005686a21e0c2f0eee6e797ec99123d, on @user_script:1.',
        ],
        ['EVAL "return {err=\'\'}" 0', '(error) '],
        ['EVAL "return {1, {double=1.5}}" 0', '1) (integer) 1\n2) "1.5"'],
        ['EVAL "return 1" 0', '(integer) 1'],
        ['EVAL "return" 0', '(nil)'],
        ['EVAL "return nil" 0', '(nil)'],
        ['EVAL "return {}" 0', '(empty array)'],
        ['EVAL "return \'a\\\\r\\\\nb\'" 0', '"a\\r\\nb"'],
        ['EVAL "return {ok=\'a\\\\r\\\\nb\'}" 0', 'a  b'],
        ['EVAL "return {err=\'x\\\\ny\'}" 0', '(error) x y'],
        ['EVAL', "(error) ERR wrong number of arguments for 'eval' command"],
        ['EVAL "return 1"', "(error) ERR wrong number of arguments for 'eval' command"],
        ['EVALSHA_RO e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0', '(integer) 1'],
        [
          'EVAL "local x = nil + 1" 0',
          '(error) ERR user_script:1: attempt to perform arithmetic on a nil value script: cd204846b476dfdb7c087f1a1cef2df50cc9a6e7, on @user_script:1.',
        ],
      ]),
    ).toEqual([]);
  });

  it('runs inside MULTI, each script error in its own slot', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET s abc', 'OK'],
        ['MULTI', 'OK'],
        ['EVAL "return 1" 0', 'QUEUED'],
        ["EVAL \"return redis.call('incr', 's')\" 0", 'QUEUED'],
        [
          'EXEC',
          '1) (integer) 1\n2) (error) ERR value is not an integer or out of range script: 70abbef89e172316f9219e67e313f248a5b98d9b, on @user_script:1.',
        ],
      ]),
    ).toEqual([]);
  });

  it('stops a runaway script as SCRIPT KILL would, and the server goes on', () => {
    const h = new Harness({ scripting: () => new LuaVm({ instructionBudget: 200_000 }) });
    expect(h.run('EVAL "while true do end" 0')).toBe(
      '(error) ERR Script killed by user with SCRIPT KILL... script: 694a5fe1ddb97a4c6a1bf299d9537c7d3d0f84e7, on @user_script:1.',
    );
    expect(h.run('EVAL "local ok = pcall(function() while true do end end) return 1" 0')).toMatch(
      /^\(error\) ERR Script killed by user with SCRIPT KILL\.\.\./,
    );
    expect(h.run('EVAL "return 2" 0')).toBe('(integer) 2');
  });

  it('sees time frozen at the start of the script, as Redis 7.0 does for lazy expiry', () => {
    const h = new Harness();
    h.run('PSETEX k 100 v');
    h.clock.advance(100);
    // 100 ms later the key is at its deadline, not past it: still there for the whole script.
    expect(h.run("EVAL \"return {redis.call('PTTL', 'k'), redis.call('GET', 'k')}\" 0")).toBe(
      '1) (integer) 0\n2) "v"',
    );
    h.clock.advance(1);
    expect(h.run("EVAL \"return redis.call('GET', 'k')\" 0")).toBe('(nil)');
  });
});

describe('math.random', () => {
  // A fresh redis-server 7.0.15, one EVAL per line: one generator for the server, never reset.
  it('draws the numbers Redis draws, from the same generator, with its errors', () => {
    const h = new Harness();
    const script = (body: string) => `EVAL "${body}" 0`;
    const suffix = (sha: string) => ` script: ${sha}, on @user_script:1.`;
    expect(
      transcript(h, [
        [script('return math.random(1000000)'), '(integer) 396465'],
        [script('return math.random(1000000)'), '(integer) 840486'],
        [script('return {math.random(5, 7), math.random(-3, -1)}'), '1) (integer) 6\n2) (integer) -2'],
        [script('return tostring(math.random())'), '"0.31869277233197"'],
        [
          script('return math.random(0)'),
          `(error) ERR user_script:1: bad argument #1 to 'random' (interval is empty)${suffix('008bcb60f86ee36d26c67b641b46674578d9cba0')}`,
        ],
        [
          script('return math.random(3, 2)'),
          `(error) ERR user_script:1: bad argument #2 to 'random' (interval is empty)${suffix('334babf436563da1c9dadc822da13241d8aa5af4')}`,
        ],
        [
          script('return math.random(1,2,3)'),
          `(error) ERR user_script:1: wrong number of arguments${suffix('5cd983b5db563301a1c7ab05351573640323e7a9')}`,
        ],
        [
          script("return math.random('x')"),
          `(error) ERR user_script:1: bad argument #1 to 'random' (number expected, got string)${suffix('d36aee4c433f6d1a257f71070b6a0b37a40bbb04')}`,
        ],
        [script('math.randomseed(5) return math.random(1000000)'), '(integer) 524840'],
        [script('return math.random(2.9)'), '(integer) 1'],
        [script('math.randomseed(-1) return math.random(1000000)'), '(integer) 300026'],
        ['SCRIPT FLUSH', 'OK'],
        [script('return math.random(1000000)'), '(integer) 45312'],
      ]),
    ).toEqual([]);
  });
});
