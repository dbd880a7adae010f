/// <reference lib="webworker" />
import { parseDocument } from '../docs/document.ts';
import type { ParseReply, ParseRequest } from './docs-parser.ts';

/**
 * Reads docs pages for the engine's worker, which starts it: a 2 MB page takes a good part of a
 * second to parse, and the engine's worker must answer commands meanwhile.
 */
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, path, source } = event.data;
  let reply: ParseReply;
  try {
    reply = { id, doc: parseDocument(source, path) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
};
