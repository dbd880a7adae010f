import type { PageClient } from './client-context.tsx';
import { openDocPage } from './docs/open.ts';
import { lessonFor, unknownLessonMessage } from './lessons.ts';
import { useApp } from './store/index.ts';

/** `?lesson=psetex-basics` opens a bundled lesson; `?doc=<url>` fetches a page and opens it. */
export async function openFromUrl(client: PageClient): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const lessonId = params.get('lesson');
  const docUrl = params.get('doc');
  const fail = (message: string) => {
    useApp.getState().setSideTab('docs');
    useApp.getState().setDocError(message);
  };
  if (lessonId !== null) {
    const lesson = lessonFor(lessonId);
    if (lesson) openDocPage(client, `${lesson.id}.md`, await lesson.load());
    else fail(unknownLessonMessage(lessonId));
    return;
  }
  if (docUrl === null) return;
  let res: Response;
  try {
    res = await fetch(docUrl);
  } catch {
    // fetch gives no detail on purpose; a refused cross-origin read is by far the likeliest cause.
    fail(
      `Could not open ${docUrl}: the page's server did not answer, or does not allow other sites to ` +
        'read its pages (no CORS headers). Download the page and use "Open file…", or paste its text.',
    );
    return;
  }
  if (!res.ok) {
    fail(`Could not open ${docUrl}: the server answered HTTP ${res.status}.`);
    return;
  }
  // An app-relative path (`?doc=/etc/passwd`) gets the app's own index.html back: not a page.
  const type = res.headers.get('content-type') ?? '';
  if (/\bhtml\b/i.test(type)) {
    fail(`Could not open ${docUrl}: it is an HTML page (${type}), not markdown.`);
    return;
  }
  const name = new URL(docUrl, window.location.href).pathname.split('/').pop() || 'page.md';
  openDocPage(client, name, await res.text(), { requireExample: true });
}
