import { courseSummary, progressOf } from '../../docs/progress.ts';
import { useClient } from '../client-context.tsx';
import { COURSE } from '../lessons.ts';
import { useApp } from '../store/index.ts';
import { openLesson } from './open.ts';

/** The course in order, each lesson with what the learner did of it (run through, task passed). */
export function CourseList() {
  const progress = useApp((s) => s.progress);
  const client = useClient();
  const summary = courseSummary(progress, COURSE);
  return (
    <section className="course" aria-labelledby="course-heading">
      <h2 id="course-heading">The course</h2>
      <p className="muted">
        {summary.total} short lessons on how keys expire · {summary.done} run through · {summary.passed} tasks
        passed. Each opens on a keyspace and clock of its own: your keys stay as they are.
      </p>
      <ol className="course-list">
        {COURSE.map((lesson) => {
          const p = progressOf(progress, lesson.id);
          const status = [p.done ? 'run through' : '', p.passed ? 'task passed' : '']
            .filter(Boolean)
            .join(', ');
          return (
            <li key={lesson.id} className={p.done && p.passed ? 'complete' : ''}>
              <button
                type="button"
                className="link-button"
                onClick={() => void openLesson(client, lesson.id)}
              >
                {lesson.title}
              </button>
              <span className={`lesson-status${status ? ' done' : ''}`}>{status || 'not started'}</span>
              <p className="muted">{lesson.summary}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
