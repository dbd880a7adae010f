import { runBridge } from './bridge.ts';
import { runDocs } from './docs-check.ts';
import { runRepl } from './repl.ts';
import { runServe } from './serve.ts';

/** Headless entry points: `npm run -s cli -- <command>`. */
const USAGE = `usage: npm run -s cli -- <command>

commands:
  repl [--clock system|virtual]   a redis-cli style console on the engine (reads standard input)
  docs check <file.md | dir>...   replay documentation examples on the engine and report mismatches
                                  (--against redis://host:port: on a real server; --compare: both)
  serve [--port 6379] [--bind 127.0.0.1] [--clock system|virtual]
                                  the engine as a RESP server for redis-cli, redis-benchmark, client libraries
  bridge --redis redis://127.0.0.1:6379
                                  a local WebSocket bridge so the app can work on a real server

  repl, docs check and serve take --compat redis-7.0|redis-7.4|dragonfly: the server the engine
  answers as (redis-7.0 by default).
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'repl':
      return runRepl(rest);
    case 'docs':
      return runDocs(rest);
    case 'serve':
      return runServe(rest);
    case 'bridge':
      return runBridge(rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
