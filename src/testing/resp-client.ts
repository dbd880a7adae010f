/** The tests' RESP client is the CLI's (docs check --against): one exact client for both. */
export { RespClient } from '../cli/resp-client.ts';
