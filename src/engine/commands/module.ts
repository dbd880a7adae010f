import { helpReply, NO_KEYS } from '../cmdutil.ts';
import type { CommandFlag, CommandSpec } from '../command.ts';
import { array } from '../reply.ts';

/**
 * MODULE (module.c) on a server with no modules and enable-module-command at its default, `no`:
 * MODULE LIST is empty, and LOAD/LOADEX/UNLOAD are refused before they run (processCommand's check
 * of protected commands), as redis-server 7.0 refuses them.
 */

const NOT_ALLOWED =
  'ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.';

const MODULE_HELP = [
  'LIST',
  '    Return a list of loaded modules.',
  'LOAD <path> [<arg> ...]',
  '    Load a module library from <path>, passing to it any optional arguments.',
  'LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]',
  '    Load a module library from <path>, while passing it module configurations and optional arguments.',
  'UNLOAD <name>',
  '    Unload a module.',
];

const protectedSub = (name: string, arity: number, syntax: string, summary: string): CommandSpec => ({
  name,
  arity,
  flags: ['admin', 'noscript', 'no_async_loading'],
  group: 'server',
  summary,
  syntax,
  since: name === 'loadex' ? '7.0.0' : '4.0.0',
  complexity: 'O(1)',
  keys: NO_KEYS,
  rejectedWith: NOT_ALLOWED,
  handler: () => array([]),
});

const flags = (...f: CommandFlag[]) => f;

export const moduleCommands: readonly CommandSpec[] = [
  {
    name: 'module',
    arity: -2,
    flags: [],
    group: 'server',
    summary: 'A container for module commands.',
    syntax: 'MODULE subcommand',
    since: '4.0.0',
    complexity: 'Depends on subcommand.',
    keys: NO_KEYS,
    notes: 'No modules: LIST is empty; LOAD, LOADEX and UNLOAD are refused as with enable-module-command no.',
    subcommands: [
      {
        name: 'help',
        arity: 2,
        flags: flags('loading', 'stale'),
        group: 'server',
        summary: 'Returns helpful text about the different subcommands.',
        syntax: 'MODULE HELP',
        since: '5.0.0',
        complexity: 'O(1)',
        keys: NO_KEYS,
        handler: (_ctx, argv) => helpReply(argv, MODULE_HELP),
      },
      {
        name: 'list',
        arity: 2,
        flags: flags('admin', 'noscript'),
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'members' },
        group: 'server',
        summary: 'Returns all loaded modules.',
        syntax: 'MODULE LIST',
        since: '4.0.0',
        complexity: 'O(N) where N is the number of loaded modules.',
        keys: NO_KEYS,
        handler: () => array([]),
      },
      protectedSub('load', -3, 'MODULE LOAD path [arg [arg ...]]', 'Loads a module.'),
      protectedSub(
        'loadex',
        -3,
        'MODULE LOADEX path [CONFIG name value [CONFIG name value ...]] [ARGS args [args ...]]',
        'Loads a module using extended parameters.',
      ),
      protectedSub('unload', 3, 'MODULE UNLOAD name', 'Unloads a module.'),
    ],
  },
];
