import fc from 'fast-check';
import type { Weighted } from './values.ts';

/**
 * AUTH and ACL with the only user, `default` (commands/acl.ts). Left out: ACL CAT of a category and
 * ACL GENPASS (Redis's dict order and random bytes, with no tip to compare them by) and ACL SETUSER
 * (not in the playground). ACL LOG's ages and client details are masked (reply-compare.ts).
 */
export const aclArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc.constantFrom(
      ['AUTH', 'x'],
      ['AUTH', 'default', 'x'],
      ['AUTH', 'bob', 'x'],
      ['AUTH', 'a', 'b', 'c'],
      ['HELLO', '2', 'AUTH', 'carol', 'pw'],
      ['HELLO', '2', 'AUTH', 'default', 'pw'],
    ),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      ['ACL', 'WHOAMI'],
      ['ACL', 'USERS'],
      ['ACL', 'LIST'],
      ['ACL', 'CAT'],
      ['ACL', 'CAT', 'nosuch'],
      ['ACL', 'GETUSER', 'default'],
      ['ACL', 'GETUSER', 'bob'],
      ['ACL', 'DRYRUN', 'default', 'get', 'k1'],
      ['ACL', 'DRYRUN', 'default', 'get'],
      ['ACL', 'DRYRUN', 'default', 'nosuch'],
      ['ACL', 'DRYRUN', 'default', 'config', 'get', 'hz'],
      ['ACL', 'DRYRUN', 'default', 'config', 'nosuch'],
      ['ACL', 'DRYRUN', 'bob', 'get', 'k1'],
      ['ACL', 'DELUSER', 'default'],
      ['ACL', 'DELUSER', 'bob'],
      ['ACL', 'SAVE'],
      ['ACL', 'LOAD'],
      ['ACL', 'GENPASS', '0'],
      ['ACL', 'GENPASS', 'x'],
      ['ACL', 'LOG'],
      ['ACL', 'LOG', '1'],
      ['ACL', 'LOG', 'RESET'],
      ['ACL', 'LOG', 'x'],
      ['ACL', 'SETUSER', 'a b'],
      ['ACL', 'HELP'],
      ['ACL', 'NOSUCH'],
    ),
    weight: 3,
  },
];
