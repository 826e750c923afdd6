// The Quiz component's pure logic (no DOM): validating the questions an MDX page passes,
// a tiny inline markup for question text, scoring, and the answers saved in localStorage.
// Quiz.astro uses it at build time; quiz-client.ts uses the scoring and storage half in the page.

export interface QuizQuestion {
  /** The question (inline markup: `code`, **bold**, *italic*). */
  q: string;
  /** Two or more choices (inline markup). */
  options: string[];
  /** Index of the right option in `options` (0-based). */
  answer: number;
  /** Why the answer is right: shown after answering, and in the no-JavaScript answer. */
  why?: string;
}

/** One learner's choices: the option index per question, or null while unanswered. */
export type QuizAnswers = (number | null)[];

export interface QuizScore {
  answered: number;
  correct: number;
  total: number;
  done: boolean;
}

export interface SavedQuiz {
  v: 1;
  /** Fingerprint of the questions the answers belong to: edited questions drop old answers. */
  version: string;
  answers: QuizAnswers;
}

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const QUIZ_ID = /^[a-z0-9][a-z0-9_-]{0,79}$/i;
export const storageKey = (id: string) => `calico-bgp-lab/quiz/${id}`;

/** Throws a message an MDX author can act on; returns the questions unchanged otherwise. */
export function validateQuiz(id: unknown, questions: unknown): QuizQuestion[] {
  if (typeof id !== 'string' || !QUIZ_ID.test(id)) {
    throw new Error(`<Quiz id=${JSON.stringify(id)}>: id must be letters, digits, - or _ (it names the saved answers)`);
  }
  if (!Array.isArray(questions) || questions.length === 0) {
    throw new Error(`<Quiz id="${id}">: questions must be a non-empty array`);
  }
  questions.forEach((x, i) => {
    const where = `<Quiz id="${id}"> question ${i + 1}`;
    const item = x as Partial<QuizQuestion> | null;
    if (!item || typeof item !== 'object') throw new Error(`${where}: not an object`);
    if (typeof item.q !== 'string' || !item.q.trim()) throw new Error(`${where}: q must be a non-empty string`);
    if (!Array.isArray(item.options) || item.options.length < 2 || item.options.some((o) => typeof o !== 'string' || !o.trim())) {
      throw new Error(`${where}: options must be at least two non-empty strings`);
    }
    if (new Set(item.options).size !== item.options.length) throw new Error(`${where}: options repeat`);
    if (!Number.isInteger(item.answer) || item.answer! < 0 || item.answer! >= item.options.length) {
      throw new Error(`${where}: answer must be an option index from 0 to ${item.options.length - 1}`);
    }
    if (item.why !== undefined && typeof item.why !== 'string') throw new Error(`${where}: why must be a string`);
  });
  return questions as QuizQuestion[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** `code`, **bold** and *italic* on escaped text: question text can never inject HTML. */
export function inlineMarkup(text: string): string {
  // Code spans first, kept out of the emphasis rules (BGP output is full of asterisks).
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
    })
    .join('');
}

/** The text without markup, for attributes and plain summaries. */
export const plainText = (text: string) => text.replace(/`([^`]+)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');

/** FNV-1a over the questions, options and answers: a short stable fingerprint. */
export function quizVersion(questions: readonly QuizQuestion[]): string {
  const text = JSON.stringify(questions.map((x) => [x.q, x.options, x.answer]));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export const emptyAnswers = (total: number): QuizAnswers => Array.from({ length: total }, () => null);

/** Scores answers against the right option indexes (`key[i]` is question i's answer). */
export function scoreQuiz(key: readonly number[], answers: QuizAnswers): QuizScore {
  let answered = 0;
  let correct = 0;
  key.forEach((right, i) => {
    const a = answers[i];
    if (a === null || a === undefined) return;
    answered++;
    if (a === right) correct++;
  });
  return { answered, correct, total: key.length, done: answered === key.length };
}

/** The score line the quiz shows (and screen readers hear). */
export function scoreText(s: QuizScore): string {
  if (s.answered === 0) return `${s.total} questions. Choose an answer to each.`;
  if (s.done) return `Score: ${s.correct} of ${s.total} correct.${s.correct === s.total ? ' Well done!' : ''}`;
  return `${s.correct} of ${s.answered} answered correctly so far (${s.total - s.answered} to go).`;
}

/**
 * Answers saved for this quiz, or empty answers when nothing usable is stored: no storage,
 * unreadable JSON, another format, or answers to a different set of questions.
 * `options[i]` is how many options question i has (stale indexes are dropped).
 */
export function loadAnswers(storage: KeyValueStore | null, id: string, version: string, options: readonly number[]): QuizAnswers {
  const empty = emptyAnswers(options.length);
  if (!storage) return empty;
  let raw: string | null;
  try {
    raw = storage.getItem(storageKey(id));
  } catch {
    return empty;
  }
  if (!raw) return empty;
  try {
    const saved = JSON.parse(raw) as Partial<SavedQuiz> | null;
    if (!saved || saved.v !== 1 || saved.version !== version || !Array.isArray(saved.answers)) return empty;
    return options.map((n, i) => {
      const a = saved.answers![i];
      return Number.isInteger(a) && (a as number) >= 0 && (a as number) < n ? (a as number) : null;
    });
  } catch {
    return empty;
  }
}

/** Saves the answers (clears the key when none are given). False when storage refuses. */
export function saveAnswers(storage: KeyValueStore | null, id: string, version: string, answers: QuizAnswers): boolean {
  if (!storage) return false;
  try {
    if (answers.every((a) => a === null)) storage.removeItem(storageKey(id));
    else storage.setItem(storageKey(id), JSON.stringify({ v: 1, version, answers } satisfies SavedQuiz));
    return true;
  } catch {
    return false;
  }
}

/** localStorage when the browser allows it (private modes and sandboxed frames may not). */
export function browserStorage(): KeyValueStore | null {
  try {
    const s = globalThis.localStorage;
    const probe = 'calico-bgp-lab/quiz-probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}
