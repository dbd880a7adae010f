import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli. */
describe('AUTH and ACL with the default user only', () => {
  it('match redis-server', () => {
    expect(
      transcript(new Harness(), [
        ['ACL LOG RESET', 'OK'],
        [
          'AUTH x',
          '(error) ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
        ],
        ['AUTH default x', 'OK'],
        [
          'AUTH default',
          '(error) ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
        ],
        ['AUTH bob x', '(error) WRONGPASS invalid username-password pair or user is disabled.'],
        ['AUTH a b c', '(error) ERR syntax error'],
        ['AUTH', "(error) ERR wrong number of arguments for 'auth' command"],
        ['ACL WHOAMI', '"default"'],
        ['ACL USERS', '1) "default"'],
        ['ACL LIST', '1) "user default on nopass ~* &* +@all"'],
        [
          'ACL GETUSER default',
          ' 1) "flags"\n 2) 1) "on"\n    2) "nopass"\n 3) "passwords"\n 4) (empty array)\n 5) "commands"\n 6) "+@all"\n 7) "keys"\n 8) "~*"\n 9) "channels"\n10) "&*"\n11) "selectors"\n12) (empty array)',
        ],
        ['ACL GETUSER bob', '(nil)'],
        ['ACL GETUSER Default', '(nil)'],
        [
          'ACL CAT',
          ' 1) "keyspace"\n 2) "read"\n 3) "write"\n 4) "set"\n 5) "sortedset"\n 6) "list"\n 7) "hash"\n 8) "string"\n 9) "bitmap"\n10) "hyperloglog"\n11) "geo"\n12) "stream"\n13) "pubsub"\n14) "admin"\n15) "fast"\n16) "slow"\n17) "blocking"\n18) "dangerous"\n19) "connection"\n20) "transaction"\n21) "scripting"',
        ],
        ['ACL CAT nosuch', "(error) ERR Unknown category 'nosuch'"],
        [
          'ACL CAT a b',
          "(error) ERR unknown subcommand or wrong number of arguments for 'CAT'. Try ACL HELP.",
        ],
        ['ACL DRYRUN default get a', 'OK'],
        ['ACL DRYRUN default get', "(error) ERR wrong number of arguments for 'get' command"],
        ['ACL DRYRUN default nosuch', "(error) ERR Command 'nosuch' not found"],
        ['ACL DRYRUN default config get x', 'OK'],
        ['ACL DRYRUN default config nosuch', "(error) ERR Command 'config' not found"],
        ['ACL DRYRUN default config', "(error) ERR wrong number of arguments for 'config' command"],
        ['ACL DRYRUN bob get a', "(error) ERR User 'bob' not found"],
        ['ACL DRYRUN default object help', 'OK'],
        ['ACL DELUSER default', "(error) ERR The 'default' user cannot be removed"],
        ['ACL DELUSER bob default', "(error) ERR The 'default' user cannot be removed"],
        ['ACL DELUSER bob carol', '(integer) 0'],
        [
          'ACL SAVE',
          '(error) ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.',
        ],
        [
          'ACL LOAD',
          '(error) ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.',
        ],
        ['ACL SAVE x', "(error) ERR wrong number of arguments for 'acl|save' command"],
        [
          'ACL GENPASS 0',
          '(error) ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096',
        ],
        [
          'ACL GENPASS 4097',
          '(error) ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096',
        ],
        ['ACL GENPASS x', '(error) ERR value is not an integer or out of range'],
        [
          'ACL GENPASS 1 2',
          "(error) ERR unknown subcommand or wrong number of arguments for 'GENPASS'. Try ACL HELP.",
        ],
        ['ACL LOG x', '(error) ERR value is not an integer or out of range'],
        ['ACL LOG -1', '(empty array)'],
        ['ACL LOG 0', '(empty array)'],
        ['ACL SETUSER "a b"', "(error) ERR Usernames can't contain spaces or null characters"],
        ['ACL WHOAMI x', "(error) ERR wrong number of arguments for 'acl|whoami' command"],
        ['ACL NOSUCH', "(error) ERR unknown subcommand 'NOSUCH'. Try ACL HELP."],
        [
          'ACL HELP',
          " 1) ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) CAT [<category>]\n 3)     List all commands that belong to <category>, or all command categories\n 4)     when no category is specified.\n 5) DELUSER <username> [<username> ...]\n 6)     Delete a list of users.\n 7) DRYRUN <username> <command> [<arg> ...]\n 8)     Returns whether the user can execute the given command without executing the command.\n 9) GETUSER <username>\n10)     Get the user's details.\n11) GENPASS [<bits>]\n12)     Generate a secure 256-bit user password. The optional `bits` argument can\n13)     be used to specify a different size.\n14) LIST\n15)     Show users details in config file format.\n16) LOAD\n17)     Reload users from the ACL file.\n18) LOG [<count> | RESET]\n19)     Show the ACL log entries.\n20) SAVE\n21)     Save the current config to the ACL file.\n22) SETUSER <username> <attribute> [<attribute> ...]\n23)     Create or modify a user with the specified attributes.\n24) USERS\n25)     List all the registered usernames.\n26) WHOAMI\n27)     Return the current connection username.\n28) HELP\n29)     Prints this help.",
        ],
        ['ACL', "(error) ERR wrong number of arguments for 'acl' command"],
        [
          'ACL LOG a b',
          "(error) ERR unknown subcommand or wrong number of arguments for 'LOG'. Try ACL HELP.",
        ],
      ]),
    ).toEqual([]);
  });

  it('logs failed authentications as redis-server does (ages and client details aside)', () => {
    const h = new Harness();
    for (const line of [
      'AUTH bob x',
      'auth bob y',
      'HELLO 2 AUTH carol y',
      'MULTI',
      'AUTH dave z',
      'EXEC',
      'AUTH bob x',
    ]) {
      h.run(line);
    }
    const entries = h
      .run('ACL LOG')
      .split(/\n(?=\d\))/)
      .map((entry) => {
        const values = [...entry.matchAll(/\d+\) (?:\(integer\) (\d+)|"([^"]*)")/g)].map((m) => m[1] ?? m[2]);
        // count, reason, context, object, username (the values after their field names).
        return values.filter((_, i) => i % 2 === 1).slice(0, 5);
      });
    // As redis-server 7.0.15 logged the same session: newest first, like entries merged.
    expect(entries).toEqual([
      ['2', 'auth', 'toplevel', 'AUTH', 'bob'],
      ['1', 'auth', 'multi', 'AUTH', 'dave'],
      ['1', 'auth', 'toplevel', 'HELLO', 'carol'],
      ['1', 'auth', 'toplevel', 'auth', 'bob'],
    ]);
    expect(h.run('ACL LOG 1')).toContain('"age-seconds"\n   12) "0"\n   13) "client-info"\n   14) "id=');
    expect(h.run('ACL LOG RESET')).toBe('OK');
    expect(h.run('ACL LOG')).toBe('(empty array)');
  });

  it('generates passwords of the requested length in hex', () => {
    const h = new Harness();
    expect(h.run('ACL GENPASS')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(h.run('ACL GENPASS 5')).toMatch(/^"[0-9a-f]{2}"$/);
    expect(h.run('ACL GENPASS 4096')).toMatch(/^"[0-9a-f]{1024}"$/);
  });
});
