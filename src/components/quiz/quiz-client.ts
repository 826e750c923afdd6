// The Quiz component in the page: turns the server-rendered question list (which works
// without JavaScript: radios plus the answer in <details>) into a self-check quiz with instant
// feedback, a score, "Try again", and answers remembered in localStorage per quiz id.
//
// Choosing an option with the pointer answers at once; with the keyboard, the arrow keys move
// through the options and Enter (or the Check button) answers — so browsing the options with
// the arrows never locks in an answer. An answered question keeps its choice until Try again.
import {
  browserStorage,
  emptyAnswers,
  loadAnswers,
  saveAnswers,
  scoreQuiz,
  scoreText,
  type QuizAnswers,
} from './quiz-logic.ts';

interface Question {
  root: HTMLElement;
  answer: number;
  radios: HTMLInputElement[];
  check: HTMLButtonElement;
  feedback: HTMLElement;
  details: HTMLDetailsElement;
}

export function initQuiz(root: HTMLElement): void {
  if (root.dataset.quizInit !== undefined) return;
  root.dataset.quizInit = '';
  const id = root.dataset.quiz ?? '';
  const version = root.dataset.quizVersion ?? '';
  const storage = browserStorage();
  const questions: Question[] = [...root.querySelectorAll<HTMLElement>('[data-quiz-question]')].map((el) => ({
    root: el,
    answer: Number(el.dataset.answer),
    radios: [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')],
    check: el.querySelector<HTMLButtonElement>('[data-quiz-check]')!,
    feedback: el.querySelector<HTMLElement>('[data-quiz-feedback]')!,
    details: el.querySelector<HTMLDetailsElement>('[data-quiz-details]')!,
  }));
  const key = questions.map((q) => q.answer);
  const score = root.querySelector<HTMLElement>('[data-quiz-score]')!;
  const reset = root.querySelector<HTMLButtonElement>('[data-quiz-reset]')!;
  let answers: QuizAnswers = loadAnswers(storage, id, version, questions.map((q) => q.radios.length));
  const live = [score, ...questions.map((q) => q.feedback)];
  live.forEach((el) => el.setAttribute('aria-live', 'off'));

  const renderScore = () => {
    const s = scoreQuiz(key, answers);
    score.textContent = scoreText(s);
    reset.hidden = s.answered === 0;
    root.dataset.quizAnswered = String(s.answered);
    root.dataset.quizCorrect = String(s.correct);
  };

  /** Shows question i as answered (or as open when its answer is null). */
  const renderQuestion = (q: Question, i: number) => {
    const chosen = answers[i];
    const answered = chosen !== null && chosen !== undefined;
    q.root.dataset.state = !answered ? 'open' : chosen === q.answer ? 'right' : 'wrong';
    q.check.hidden = answered;
    q.radios.forEach((r, j) => {
      const label = r.closest('label')!;
      label.querySelector('.quiz-mark')?.remove();
      delete label.dataset.verdict;
      if (answered) {
        r.checked = j === chosen;
        r.setAttribute('aria-disabled', 'true');
        const verdict = j === q.answer ? 'right' : j === chosen ? 'wrong' : '';
        if (verdict) {
          label.dataset.verdict = verdict;
          const mark = document.createElement('span');
          mark.className = 'quiz-mark';
          mark.textContent = verdict === 'right' ? (j === chosen ? '✓ your answer, right' : '✓ right answer') : '✗ your answer';
          label.append(mark);
        }
      } else {
        r.removeAttribute('aria-disabled');
      }
    });
    q.feedback.replaceChildren();
    if (answered) {
      const verdict = document.createElement('p');
      verdict.className = 'quiz-verdict';
      const right = q.radios[q.answer]?.closest('label')?.querySelector('.quiz-option-text')?.innerHTML ?? '';
      verdict.innerHTML = chosen === q.answer ? '<strong>Correct.</strong>' : `<strong>Not quite.</strong> The answer is: ${right}.`;
      q.feedback.append(verdict, ...[...q.details.querySelectorAll('.quiz-why')].map((n) => n.cloneNode(true)));
    }
  };

  const choose = (i: number, option: number) => {
    const q = questions[i]!;
    if (answers[i] !== null) return;
    answers = answers.map((a, j) => (j === i ? option : a));
    saveAnswers(storage, id, version, answers);
    renderQuestion(q, i);
    renderScore();
  };

  /** Enter on an option or the Check button: answer with the selected option. */
  const check = (i: number) => {
    const q = questions[i]!;
    const picked = q.radios.findIndex((r) => r.checked);
    if (picked < 0) {
      q.feedback.textContent = 'Choose an option first (arrow keys or Space), then Enter.';
      q.radios[0]?.focus();
      return;
    }
    // The Check button disappears once answered: keep the keyboard focus in the question.
    q.radios[picked]!.focus();
    choose(i, picked);
  };

  questions.forEach((q, i) => {
    q.details.hidden = true;
    q.check.hidden = false;
    // Clicking a label clicks its radio with event.detail 0, like the keyboard does: tell them
    // apart by the input that came last.
    let viaPointer = false;
    q.root.addEventListener('pointerdown', () => (viaPointer = true));
    q.root.addEventListener('keydown', () => (viaPointer = false));
    q.radios.forEach((r, j) => {
      r.addEventListener('click', (e) => {
        // Answered: the choice stays (arrow keys and clicks fire click events on radios).
        if (answers[i] !== null) {
          e.preventDefault();
          return;
        }
        // A real pointer click answers at once; keyboard selection (detail 0) waits for Enter.
        if (e.detail > 0 || viaPointer) choose(i, j);
      });
      r.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' || answers[i] !== null) return;
        e.preventDefault();
        check(i);
      });
    });
    q.check.addEventListener('click', () => check(i));
    renderQuestion(q, i);
  });

  reset.addEventListener('click', () => {
    answers = emptyAnswers(questions.length);
    saveAnswers(storage, id, version, answers);
    questions.forEach((q, i) => {
      q.radios.forEach((r) => (r.checked = false));
      renderQuestion(q, i);
    });
    renderScore();
    questions[0]?.radios[0]?.focus();
  });

  root.querySelectorAll<HTMLElement>('[data-quiz-js]').forEach((el) => (el.hidden = false));
  renderScore();
  // Restored answers are painted with the live regions muted, so a screen reader does not read
  // every saved verdict aloud on page load; from now on changes are announced.
  setTimeout(() => {
    live.forEach((el) => el.setAttribute('aria-live', 'polite'));
    root.dataset.quizReady = '';
  }, 50);
}

export function initQuizzes(doc: ParentNode = document): void {
  doc.querySelectorAll<HTMLElement>('[data-quiz]').forEach(initQuiz);
}
