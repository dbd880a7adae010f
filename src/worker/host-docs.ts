import type { ParsedDocument } from '../docs/document.ts';
import type { Engine } from '../engine/engine.ts';
import { type DocsKeyspace, DocsSession } from './docs-host.ts';
import { DocsOpener, type DocumentParser, type OpenRequest } from './docs-parser.ts';
import type { Outbox } from './outbox.ts';
import type { StoreLink } from './persist/store-link.ts';
import { type ConsoleEntry, type DocsUpdate, PROTOCOL_VERSION, type WorkerEvent } from './protocol.ts';
import type { Session, SessionSpec, Sessions } from './sessions.ts';

/**
 * The Docs panel's page on the worker side (host.ts hands it the docs requests): the page opens in
 * a session of its own, opened from the one shown, and its steps, runs, resets and task checks run
 * there once the page has been read (docs-parser.ts reads it off the command path).
 */

export interface HostDocsEnv {
  readonly sessions: Sessions;
  active(): Session;
  post(message: WorkerEvent): void;
  readonly out: Outbox;
  readonly store: StoreLink;
  parseDocument?: DocumentParser | undefined;
  openSession(spec: SessionSpec): Session;
  activate(session: Session): void;
  closeSession(session: Session): void;
  flush(): void;
  /** The page now shows another session (ready, sessions, snapshot). */
  switched(): void;
  postReady(): void;
  /** Runs `action` now, or once the interpreter has loaded if it may need it. */
  afterScripting(needed: boolean, action: () => void): void;
}

export class HostDocs {
  /** The session the page runs on, while a page is open. */
  session: Session | null = null;
  readonly opener: DocsOpener;

  constructor(private readonly env: HostDocsEnv) {
    this.opener = new DocsOpener(
      env.parseDocument,
      (req, doc) => this.open(req, doc),
      (message) => env.post({ v: PROTOCOL_VERSION, type: 'docs-error', message }),
    );
  }

  /** Runs `action` on the open page (once a page being read is there), showing its session first. */
  onPage(action: (docs: DocsSession) => void, scripting = true): void {
    this.env.afterScripting(scripting, () =>
      this.opener.whenOpen(() => {
        const session = this.session;
        if (!session?.docs) return;
        this.env.activate(session);
        action(session.docs);
        this.env.out.clockChanged = true;
        this.env.flush();
      }),
    );
  }

  /** Starts the page again as read when it opened: Reset reads nothing again. */
  reset(): void {
    this.opener.whenOpen(() => {
      const docs = this.session?.docs;
      if (docs?.doc) this.open({ path: docs.path, source: docs.text, keyspace: docs.keyspace }, docs.doc);
    });
  }

  /** Starts the page again and runs its first `position` steps at once (a step back). */
  goto(position: number): void {
    this.env.afterScripting(true, () =>
      this.opener.whenOpen(() => {
        const docs = this.session?.docs;
        if (!docs?.doc || !Number.isInteger(position) || position < 0) return;
        this.open({ path: docs.path, source: docs.text, keyspace: docs.keyspace }, docs.doc);
        this.session?.docs?.replayTo(position);
        this.env.out.clockChanged = true;
        this.env.flush();
      }),
    );
  }

  close(): void {
    this.opener.whenOpen(() => {
      if (this.session) this.env.closeSession(this.session);
    });
  }

  checkTask(task: number): void {
    this.opener.whenOpen(() => {
      const session = this.session;
      if (!session?.docs) return;
      const result = session.docs.checkTask(task, session.engine);
      this.env.post({ v: PROTOCOL_VERSION, type: 'docs-task-result', result });
    });
  }

  /** `session` is closing: if it holds the page, the page closes with it. */
  closing(session: Session): void {
    if (session !== this.session) return;
    this.session = null;
    session.docs = null;
    this.env.post({ v: PROTOCOL_VERSION, type: 'docs-closed' });
  }

  /** The open page's progress, when its session is the one shown. */
  update(): DocsUpdate | undefined {
    return this.session === this.env.active() ? this.session.docs?.take() : undefined;
  }

  /**
   * Opens a page (read off the command path by the opener) in a session of its own, opened from the
   * session shown now; a page opened while another is open replaces it (and its session), going back
   * to where that one was opened from.
   */
  private open(req: OpenRequest, doc: ParsedDocument): void {
    const { env } = this;
    const { path, source } = req;
    const keyspace: DocsKeyspace = req.keyspace ?? 'fresh';
    const old = this.session;
    const base = (old?.opener && env.sessions.get(old.opener)) || env.active();
    const session = env.openSession({
      kind: 'lesson',
      label: path,
      opener: base,
      ...(keyspace === 'continue' ? { from: base } : {}),
    });
    const docs = new DocsSession(
      {
        clock: session.clock,
        resetEngine: () => this.resetEngine(session),
        current: () => session.engine,
        compat: () => session.compat,
        setCompat: (compat) => {
          if (compat === session.compat) return;
          session.setCompat(compat);
          if (session === env.active()) env.postReady();
        },
        echo: (lines, console = 1) => this.echo(session, lines, console),
        runCron: () => session.cron.runDue(),
      },
      keyspace,
    );
    if (old) old.docs = null;
    session.docs = docs;
    this.session = session;
    const page = docs.open(path, source, doc);
    session.relabel(page.title || path);
    env.post({
      v: PROTOCOL_VERSION,
      type: 'docs-page',
      page,
      source,
      reading: doc.reading,
      tasks: docs.tasks,
      keyspace,
      session: session.info,
    });
    // One switch, straight to the new page's session (not by way of the learner's).
    env.flush();
    env.sessions.activate(session);
    if (old) env.sessions.close(old);
    env.switched();
  }

  /** The lines a page ran, shown in the console of its session while it is the one shown. */
  private echo(session: Session, lines: readonly ConsoleEntry[], console: number): void {
    if (session !== this.env.active()) return;
    // A page's client 2 shows in a tab of its own: open tabs until it exists.
    while (!session.consoles.has(console) && session.consoles.count < console) session.consoles.open();
    const entries = lines.map((e) => ({ ...e, session: session.id }));
    this.env.out.reply(0, console, entries);
    if (console === 1) this.env.store.lines(entries);
  }

  /** Gives `session` a fresh, empty server; the page sees its keys go as a flush. */
  private resetEngine(session: Session): Engine {
    const shown = session === this.env.active();
    // Send what happened on the old server first (say, a key the active cycle just removed).
    if (shown) this.env.flush();
    const engine = session.replaceEngine();
    if (shown) this.env.out.replaced(engine);
    return engine;
  }
}
