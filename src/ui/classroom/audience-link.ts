import type { WorkerEvent, WorkerRequest } from '../../worker/protocol.ts';
import { useApp } from '../store/index.ts';
import { applyState, CHANNEL_PREFIX, type ToPresenter, toAudience } from './mirror.ts';

/**
 * An audience window's "worker": the presenter's window, over their BroadcastChannel. The page's
 * WorkerClient applies what comes through exactly as it applies a worker's messages, so the
 * audience shows the presenter's keys, clock, console and page without an engine or clock of its
 * own. It asks for nothing but a snapshot (when a batch went missing); it runs nothing.
 */
export class AudienceLink {
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null = null;
  private readonly channel: BroadcastChannel;
  /** The presenter's state arrived: its messages apply from here on. */
  private joined = false;

  constructor(id: string) {
    this.channel = new BroadcastChannel(CHANNEL_PREFIX + id);
    this.channel.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    addEventListener('pagehide', () => this.post({ kind: 'bye' }));
    this.post({ kind: 'hello' });
  }

  /** The audience's own key table window, asked for again whenever it says hello. */
  private view: ToPresenter | null = null;

  postMessage(req: WorkerRequest): void {
    if (req.type === 'snapshot') this.post({ kind: 'snapshot' });
    if (req.type === 'table-view') {
      this.view = { kind: 'table-view', query: req.query };
      this.post(this.view);
    }
  }

  private post(msg: ToPresenter): void {
    this.channel.postMessage(msg);
  }

  private receive(data: unknown): void {
    const msg = toAudience(data);
    if (!msg) return;
    const app = useApp.getState();
    switch (msg.kind) {
      case 'presenter-here':
        this.post({ kind: 'hello' });
        if (this.view) this.post(this.view);
        break;
      case 'presenter-gone':
        this.joined = false;
        app.setPresenterHere(false);
        break;
      case 'state':
        applyState(msg.state, useApp.getState, useApp.setState);
        this.joined = true;
        app.setPresenterHere(true);
        break;
      case 'ui':
        useApp.setState({ theme: msg.theme, timeZone: msg.timeZone });
        if (typeof msg.cleared === 'number') app.clearConsole(msg.cleared);
        break;
      case 'event':
        if (this.joined) this.onmessage?.({ data: msg.event } as MessageEvent<WorkerEvent>);
        break;
    }
  }
}
