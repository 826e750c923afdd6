import { describe, expect, it } from 'vitest';
import {
  emptyAnswers,
  inlineMarkup,
  loadAnswers,
  quizVersion,
  saveAnswers,
  scoreQuiz,
  scoreText,
  storageKey,
  validateQuiz,
  type KeyValueStore,
  type QuizQuestion,
} from './quiz-logic.ts';

const questions: QuizQuestion[] = [
  { q: 'Which daemon does Calico run?', options: ['BIRD', 'GoBGP', 'FRR'], answer: 0, why: 'calico-node runs BIRD.' },
  { q: 'Default Calico AS?', options: ['64512', '65000'], answer: 0 },
  { q: 'Hold time FRR ↔ BIRD?', options: ['90 s', '180 s', '240 s'], answer: 1 },
];
const key = questions.map((x) => x.answer);
const sizes = questions.map((x) => x.options.length);

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

describe('validateQuiz', () => {
  it('accepts well-formed questions', () => {
    expect(validateQuiz('l9-quiz', questions)).toBe(questions);
  });
  it.each([
    ['bad id', 'has space', questions, /id must be/],
    ['no questions', 'q', [], /non-empty array/],
    ['missing q', 'q', [{ options: ['a', 'b'], answer: 0 }], /question 1: q must/],
    ['one option', 'q', [{ q: 'x', options: ['a'], answer: 0 }], /at least two/],
    ['repeated options', 'q', [{ q: 'x', options: ['a', 'a'], answer: 0 }], /repeat/],
    ['answer out of range', 'q', [{ q: 'x', options: ['a', 'b'], answer: 2 }], /from 0 to 1/],
    ['answer not an integer', 'q', [{ q: 'x', options: ['a', 'b'], answer: '1' }], /option index/],
    ['why not a string', 'q', [{ q: 'x', options: ['a', 'b'], answer: 1, why: 3 }], /why must/],
  ])('rejects %s', (_name, id, qs, message) => {
    expect(() => validateQuiz(id, qs)).toThrow(message);
  });
});

describe('inlineMarkup', () => {
  it('escapes HTML and renders code, bold and italic', () => {
    expect(inlineMarkup('<b>x</b> & `a<b>` **bold** *it*')).toBe(
      '&lt;b&gt;x&lt;/b&gt; &amp; <code>a&lt;b&gt;</code> <strong>bold</strong> <em>it</em>',
    );
  });
  it('leaves asterisks inside code alone', () => {
    expect(inlineMarkup('`*> 10.0.0.0/24` is best')).toBe('<code>*&gt; 10.0.0.0/24</code> is best');
  });
  it('escapes quotes (safe in attributes too)', () => {
    expect(inlineMarkup(`"a" 'b'`)).toBe('&quot;a&quot; &#39;b&#39;');
  });
});

describe('scoring', () => {
  it('counts answered and correct questions', () => {
    expect(scoreQuiz(key, emptyAnswers(3))).toEqual({ answered: 0, correct: 0, total: 3, done: false });
    expect(scoreQuiz(key, [0, null, 2])).toEqual({ answered: 2, correct: 1, total: 3, done: false });
    expect(scoreQuiz(key, [0, 0, 1])).toEqual({ answered: 3, correct: 3, total: 3, done: true });
  });
  it('says where the learner stands', () => {
    expect(scoreText(scoreQuiz(key, emptyAnswers(3)))).toMatch(/3 questions/);
    expect(scoreText(scoreQuiz(key, [0, null, 2]))).toBe('1 of 2 answered correctly so far (1 to go).');
    expect(scoreText(scoreQuiz(key, [1, 0, 2]))).toBe('Score: 1 of 3 correct.');
    expect(scoreText(scoreQuiz(key, [0, 0, 1]))).toBe('Score: 3 of 3 correct. Well done!');
  });
});

describe('persistence', () => {
  const version = quizVersion(questions);

  it('round-trips answers under a key per quiz id', () => {
    const s = memoryStore();
    expect(saveAnswers(s, 'a', version, [2, null, 1])).toBe(true);
    expect([...s.data.keys()]).toEqual([storageKey('a')]);
    expect(loadAnswers(s, 'a', version, sizes)).toEqual([2, null, 1]);
    expect(loadAnswers(s, 'b', version, sizes)).toEqual([null, null, null]);
  });

  it('clears the key when every answer is reset', () => {
    const s = memoryStore();
    saveAnswers(s, 'a', version, [0, 0, 0]);
    saveAnswers(s, 'a', version, emptyAnswers(3));
    expect(s.data.size).toBe(0);
  });

  it('drops answers to other questions, bad JSON and out-of-range indexes', () => {
    const s = memoryStore();
    saveAnswers(s, 'a', version, [0, 1, 2]);
    const edited = questions.map((x, i) => (i === 2 ? { ...x, answer: 2 } : x));
    expect(quizVersion(edited)).not.toBe(version);
    expect(loadAnswers(s, 'a', quizVersion(edited), sizes)).toEqual([null, null, null]);
    s.data.set(storageKey('a'), '{not json');
    expect(loadAnswers(s, 'a', version, sizes)).toEqual([null, null, null]);
    s.data.set(storageKey('a'), JSON.stringify({ v: 1, version, answers: [5, -1, 1.5] }));
    expect(loadAnswers(s, 'a', version, sizes)).toEqual([null, null, null]);
    s.data.set(storageKey('a'), JSON.stringify({ v: 2, version, answers: [0, 0, 0] }));
    expect(loadAnswers(s, 'a', version, sizes)).toEqual([null, null, null]);
  });

  it('works without storage, and when storage throws', () => {
    expect(loadAnswers(null, 'a', version, sizes)).toEqual([null, null, null]);
    expect(saveAnswers(null, 'a', version, [0, null, null])).toBe(false);
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(loadAnswers(broken, 'a', version, sizes)).toEqual([null, null, null]);
    expect(saveAnswers(broken, 'a', version, [0, null, null])).toBe(false);
  });

  it('fingerprints are stable and depend on the questions, not the explanations', () => {
    expect(quizVersion(questions)).toBe(version);
    expect(quizVersion(questions.map((x) => ({ ...x, why: 'other words' })))).toBe(version);
    expect(quizVersion(questions.map((x, i) => (i === 0 ? { ...x, q: 'Another?' } : x)))).not.toBe(version);
  });
});
