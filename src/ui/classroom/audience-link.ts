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

  postMessage(req: WorkerRequest): void {
    if (req.type === 'snapshot') this.post({ kind: 'snapshot' });
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
