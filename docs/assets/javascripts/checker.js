/*
 * Threshold checker, page side (an ES module; its parts are in checker/).
 *
 * The questionnaire is already in the page (rendered at build time), so it can
 * be filled at once.  This routes: it shows only the questions whose ask-if
 * condition holds, keeps the answers in the URL fragment, and sends them to
 * the checker running in a Pyodide Web Worker, which decides.  Nothing is
 * stored and nothing leaves the browser.
 *
 * Loaded on every page (Material's instant navigation does not re-run
 * scripts), it wires each checker page from Material's `document$` stream.
 */

import { decode, encode } from "./checker/fragment.js";
import { onEveryPage } from "./pages.js";
import { answeredByUser, fillQuestion, readAnswers, reconcile, setDefaults, updateVisibility } from "./checker/form.js";
import { download } from "./checker/calendar.js";
import { copyLink, fillRecord } from "./checker/record.js";
import { carryOver, element, frameworkResult, place, showVerdict, testResult } from "./checker/results.js";
import { ask, runtime, startWorker } from "./checker/runtime.js";

// The moments the page first showed a ready checker and a verdict, for
// scripts/bench (local measures, never sent).
const READY_MARK = "threshold-checker-ready";
const VERDICT_MARK = "threshold-first-verdict";

class CheckerPage {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector(".tc-form");
    this.results = root.querySelector(".tc-results-body");
    this.notice = root.querySelector(".tc-notice");
    this.status = root.querySelector(".tc-loading-text");
    this.questions = [...root.querySelectorAll(".tc-question")];
    this.summary = root.querySelector(".tc-summary");
    this.verdict = root.querySelector("[data-summary]");
    this.more = root.querySelector(".tc-more");
    this.needed = null;  // the questions that could change an outcome, once the checker has said
    this.actionStatus = root.querySelector(".tc-action-status");
    this.record = root.querySelector(".tc-record");
    this.rulesVersion = root.dataset.rulesVersion;
    // A definition page's small checker: its own questions, no shared link.
    this.test = root.dataset.test || null;
    this.sequence = 0;
    // Each framework's card as last shown, with the result it shows: kept
    // while that result is unchanged (an answer usually changes one or two).
    this.cards = new Map();
    this.historic = element("details", "tc-historic-group");
    this.historic.appendChild(element("summary", null, "Historic procedures (for training and past incidents)"));
    this.siteRoot = new URL(root.dataset.siteRoot || "../", location.href);
  }

  start() {
    const problems = this.test ? [] : this.fillFromFragment();
    // A link's fragment is the whole set of answers: what it leaves out was
    // not known, so the awareness moment defaults to now only on a blank form.
    if (!this.fromLink) setDefaults(this.questions);
    updateVisibility(this.questions);
    if (problems.length) this.showNotice(problems);
    this.form.addEventListener("change", (event) => this.onChange(event));
    this.form.addEventListener("input", (event) => {
      if (event.target.type !== "radio" && event.target.type !== "checkbox") this.onChange(event);
    });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    if (!this.test) {
      this.root.querySelector(".tc-copy").addEventListener("click", () => {
        this.writeFragment();
        copyLink(this.actionStatus);
      });
      this.root.querySelector(".tc-calendar").addEventListener("click", () => {
        download(this.actions || [], this.siteRoot);
        this.actionStatus.textContent = "Calendar file made on this device: open it to add the deadlines.";
      });
      this.root.querySelector(".tc-print").addEventListener("click", () => {
        this.prepareRecord();
        window.print();
      });
    }
    this.showState();
    this.evaluate();
  }

  showState() {
    this.root.dataset.state = runtime.state;
    if (runtime.state === "ready" && !performance.getEntriesByName(READY_MARK).length) performance.mark(READY_MARK);
    const loading = this.root.querySelector(".tc-loading");
    if (runtime.state === "ready") {
      loading.hidden = true;
      return;
    }
    loading.hidden = false;
    if (runtime.state === "error") {
      // Without the checker to say which questions matter, every asked question is shown.
      for (const fieldset of this.questions) delete fieldset.dataset.needed;
      updateVisibility(this.questions);
      loading.querySelector("progress").hidden = true;
      this.status.textContent = runtime.message;
    } else if (runtime.message) {
      this.status.textContent = runtime.message + " You can start answering now.";
    }
  }

  showNotice(problems) {
    this.notice.hidden = false;
    this.notice.textContent = "Some answers in the link were ignored: " + problems.join("; ") + ".";
  }

  /* The questions that matter now, and how many are still open. */
  showNeeded() {
    updateVisibility(this.questions, this.needed);
    const open = this.questions.filter((fieldset) => !fieldset.hidden && this.needed &&
      this.needed.has(fieldset.dataset.question)).length;
    this.more.textContent = open ? `${open} more question${open === 1 ? "" : "s"} could change this.`
      : "No other answer could change this.";
  }

  onChange(event) {
    reconcile(this.form, event.target);
    updateVisibility(this.questions, this.needed);
    if (!this.test) this.writeFragment();
    this.evaluate(event.timeStamp);
  }

  /* ---- the URL fragment: #question_id=value&... (SPEC section 5) ---- */

  writeFragment() {
    const ids = this.questions.map((fieldset) => fieldset.dataset.question);
    history.replaceState(history.state, "", encode(readAnswers(this.questions), ids));
  }

  fillFromFragment() {
    const { pairs, problems, answers } = decode(location.hash.slice(1));
    this.fromLink = answers;
    const byId = Object.fromEntries(this.questions.map((fieldset) => [fieldset.dataset.question, fieldset]));
    for (const [id, value, at] of pairs) {
      const fieldset = byId[id];
      if (at < 1 || !fieldset) problems.push(`unknown question "${id.slice(0, 40)}"`);
      else if (!fillQuestion(fieldset, value)) problems.push(`"${value.slice(0, 40)}" is not an answer to "${id}"`);
    }
    return problems;
  }

  /* ---- evaluation ---- */

  // `since`: the input event that changed an answer, when there is one (the
  // bench's re-evaluation figure runs from it to the verdict shown).
  evaluate(since = performance.now()) {
    if (runtime.state !== "ready") return;  // evaluated once the worker is ready
    this.sequence += 1;
    this.postedAt = since;
    // Busy until the newest answer's verdict is shown: screen readers wait,
    // and scripts (tests, bench) know when the results are current.
    this.results.setAttribute("aria-busy", "true");
    ask({ id: this.sequence, answers: readAnswers(this.questions), test: this.test });
  }

  showResult(message) {
    if (message.id !== this.sequence) return;  // a newer answer is on its way
    // From the answer's input event to the verdict shown, for scripts/bench (a local measure, never sent).
    const measured = { start: this.postedAt };
    const body = this.results;
    body.setAttribute("aria-busy", "false");
    if (!message.ok) {
      place(body, [element("p", "tc-error", "The checker could not use these answers: " + message.problems.join("; "))]);
      return;
    }
    if (this.test) {
      const fresh = testResult(message.result, this.root, this.siteRoot);
      const before = body.querySelector("[data-test]");
      const refocus = before && carryOver(before, fresh);
      place(body, [fresh]);
      if (refocus) refocus();
      this.summary.textContent = "Result updated: " + message.result.outcome;
      return;
    }
    const version = element("p", "tc-version", "Checked against " + message.rules + " ");
    version.appendChild(element("small", "tc-small-print", "(version " + message.result.rules_version + ")"));
    // What to act on first; historic procedures apart, collapsed: never today's duty (SPEC section 4).
    const rank = (framework) => message.order.indexOf(framework.status);
    const frameworks = [...message.result.frameworks].sort((a, b) => rank(a) - rank(b));
    const refocus = [];
    const cards = new Map();
    const card = (framework) => {
      const shown = JSON.stringify([framework, message.display[framework.id]]);
      const before = this.cards.get(framework.id);
      if (before && before.shown === shown) {
        cards.set(framework.id, before);
        return before.node;
      }
      const node = frameworkResult(framework, message.display[framework.id], this.root, this.siteRoot);
      if (before) refocus.push(carryOver(before.node, node));
      cards.set(framework.id, { shown, node });
      return node;
    };
    const current = frameworks.filter((f) => f.current).map(card);
    const historic = frameworks.filter((f) => !f.current).map(card);
    place(this.historic, [this.historic.firstElementChild, ...historic]);
    place(body, [version, ...current, ...(historic.length ? [this.historic] : [])]);
    this.cards = cards;
    for (const focus of refocus) if (focus) focus();
    this.needed = new Set([...frameworks.flatMap((framework) => framework.missing), ...message.verdict.dates_from]);
    this.showNeeded();
    const statusWords = Object.fromEntries(Object.entries(message.display).map(([id, words]) => [id, words.status]));
    showVerdict(this.verdict, message.verdict, this.root, this.siteRoot, statusWords,
                this.questions.some(answeredByUser));
    this.rulesWords = message.rules;
    this.actions = message.verdict.actions;
    this.root.querySelector(".tc-calendar").disabled = !this.actions.some((action) => action.due);
    this.prepareRecord();
    this.summary.textContent = "Results updated: " + message.summary + ".";
    performance.measure("threshold-evaluation", measured);
    if (!performance.getEntriesByName(VERDICT_MARK).length) performance.mark(VERDICT_MARK);
  }

  prepareRecord() {
    this.writeFragment();
    fillRecord(this.record, this.questions, this.rulesWords || "the rules", this.rulesVersion);
  }
}

/* ---- wiring: every page load, including instant navigation ---- */

let page = null;

runtime.listener = (message) => {
  if (!page) return;
  if (message.type === "state") page.showState();
  else if (message.type === "ready") { page.showState(); page.evaluate(); }
  else if (message.type === "result") page.showResult(message);
};

// Printing from the browser menu gets the same record as the button.
window.addEventListener("beforeprint", () => { if (page && !page.test) page.prepareRecord(); });

function onPage() {
  const root = document.querySelector("[data-checker]");
  page = null;
  if (!root) return;
  startWorker(root);
  page = new CheckerPage(root);
  page.start();
}

// A checker page opened directly is parsed before this module runs: start
// Python now, not after Material's first document$ event.  The worker is
// shared, so this only starts it earlier.
const parsed = document.querySelector("[data-checker]");
if (parsed) startWorker(parsed);

onEveryPage(onPage);
