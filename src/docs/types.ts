import type { Compat } from '../engine/compat.ts';
import type { Reply } from '../engine/reply.ts';

/**
 * The docs-example runner's data model, shared by the parser, the runner and whoever shows the
 * results (the CLI's report and the Docs panel). Everything a UI needs to highlight a step in the page
 * source is here: every step carries its source range, every result its verdict and diff.
 */

/** 1-based line and column, 0-based character offset into the page source. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface SourceRange {
  readonly start: SourcePos;
  readonly end: SourcePos;
}

/**
 * A reply as a page prints it, read back from redis-cli's output forms. `text` covers both quoted
 * strings (`"abc"`, escapes decoded to bytes) and bare words (`OK`, or a value in redis-cli --raw
 * form); which one the page used is kept in `quoted` for display only.
 */
export type ExpectedReply =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'int'; readonly value: string }
  /** RESP3's `(double) 3`: the same number that RESP2 sends as a bulk string. */
  | { readonly kind: 'double'; readonly value: string }
  | { readonly kind: 'nil' }
  | { readonly kind: 'error'; readonly text: string }
  /** `cut` when the page ended the listing with a `# ...` line: only a prefix is shown. */
  | { readonly kind: 'array'; readonly items: readonly ExpectedReply[]; readonly cut: boolean }
  /** A line in no redis-cli output form (a typo like `(integer 2)`, or `[2,6]`). */
  | { readonly kind: 'unreadable'; readonly text: string };

/** What the page shows after a command: nothing at all, or a reply. */
export type ExpectedOutput =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'reply';
      readonly reply: ExpectedReply;
      /** The output lines as written (comments included), for display. */
      readonly text: string;
      readonly range: SourceRange;
    };

/** How the page introduced a command: `dragonfly$> `, `127.0.0.1:6379> `, `> `, or none (bare). */
export type PromptKind = 'dragonfly' | 'redis' | 'host-port' | 'bare-gt' | 'none';

export interface CommandStep {
  readonly kind: 'command';
  /** Index of the step in `DocPage.steps`. */
  readonly index: number;
  readonly section: number;
  /** Index of the code block (in `DocPage.blocks`) the command sits in. */
  readonly block: number;
  readonly prompt: PromptKind;
  /** The command as typed, prompt and trailing comment removed. */
  readonly line: string;
  readonly range: SourceRange;
  readonly comment?: string;
  readonly expected: ExpectedOutput;
}

/** Where a timing note was found: a paragraph between blocks or a comment line inside a block. */
export type NoteSource = 'prose' | 'comment';

export interface WaitStep {
  readonly kind: 'wait';
  readonly index: number;
  readonly section: number;
  /** The duration the note names, in ms. */
  readonly ms: number;
  /** The note said "more than N": the clock moves a little further than N. */
  readonly moreThan: boolean;
  /** The sentence or comment as written. */
  readonly text: string;
  readonly source: NoteSource;
  readonly range: SourceRange;
}

export type DocStep = CommandStep | WaitStep;

export interface DocSection {
  readonly index: number;
  /** Heading text; the part of the page before the first heading has an empty title. */
  readonly title: string;
  /** 0 for the part before the first heading. */
  readonly depth: number;
  readonly range: SourceRange;
  /** Steps of this section, as a contiguous slice of `DocPage.steps`. */
  readonly firstStep: number;
  readonly stepCount: number;
}

/** Why a fenced block is or is not replayed. */
export type BlockRole =
  | 'example'
  /** A prompt-less block under a Syntax heading, or a `plaintext`/`shell` block without prompts. */
  | 'not-example'
  /** A prompt-less `cli` block holding only reply forms (`(integer) 4`): a sample of output. */
  | 'output-sample'
  /** A `check` block: the commands that test a lesson's "try it yourself" task (task.ts), run on demand. */
  | 'task-check';

export interface DocBlock {
  readonly index: number;
  readonly section: number;
  /** The fence's info string (`shell`, `cli`…), `''` when untagged, `redis-cli` for the shortcode. */
  readonly lang: string;
  readonly role: BlockRole;
  readonly range: SourceRange;
}

export interface DocPage {
  readonly path: string;
  readonly title: string;
  /**
   * The server the page was written for, when it says so: `compat: redis-7.4` in its front matter,
   * or an HTML comment `<!-- compat: redis-7.4 -->` anywhere (compat.ts names the servers).
   */
  readonly compat?: Compat;
  readonly sections: readonly DocSection[];
  readonly blocks: readonly DocBlock[];
  readonly steps: readonly DocStep[];
  /** Set when the page went past a limit (page.ts): nothing from `cut.line` on is replayed or shown. */
  readonly cut?: DocPageCut;
}

export interface DocPageCut {
  /** The first line left out. */
  readonly line: number;
  readonly limit: 'steps' | 'blocks' | 'sections' | 'lines';
  readonly max: number;
}

export interface DiffLine {
  readonly op: 'same' | 'expected' | 'actual';
  readonly text: string;
}

export type Verdict =
  /** `note` says which normalisation made it pass (multiset, empty shown as nothing…). */
  | { readonly kind: 'pass'; readonly note?: string }
  | {
      readonly kind: 'fail';
      /** Expected vs actual, both in canonical redis-cli form (sorted when compared as multisets). */
      readonly diff: readonly DiffLine[];
      /** A likely cause found by looking at the page, when one is found. */
      readonly hint?: string;
    }
  | { readonly kind: 'not-comparable'; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'no-expectation' };

export type VerdictKind = Verdict['kind'];

export interface ActualOutput {
  /** The engine's reply; absent when redis-cli itself answered (e.g. `Invalid argument(s)`). */
  readonly reply?: Reply;
  /** Exactly what redis-cli prints. */
  readonly text: string;
}

export interface CommandResult {
  readonly kind: 'command';
  readonly step: CommandStep;
  /** The keyspace was emptied before this step (first step of a section). */
  readonly resetBefore: boolean;
  /** Virtual clock (unix ms) when the command ran. */
  readonly at: number;
  /** A blocking command that timed out kept the client waiting this long (the clock moved). */
  readonly blockedMs: number;
  readonly actual: ActualOutput;
  readonly verdict: Verdict;
}

export interface WaitResult {
  readonly kind: 'wait';
  readonly step: WaitStep;
  readonly resetBefore: boolean;
  readonly from: number;
  readonly to: number;
  /** Keys the active expiry cycle removed while the clock moved. */
  readonly expiredKeys: number;
}

export type StepResult = CommandResult | WaitResult;
