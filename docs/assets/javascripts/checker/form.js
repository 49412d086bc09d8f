/*
 * The questionnaire in the page: read each question's answer, fill it from a
 * link, show only the questions whose ask-if holds, and keep "Don't know"
 * and the real options exclusive.  Answers are JSON values as the checker
 * reads them (SPEC section 4).
 */

import { holds } from "./conditions.js";

export function readQuestion(fieldset) {
  const name = fieldset.dataset.question, type = fieldset.dataset.type;
  if (type === "yesno" || type === "choice") {
    const checked = fieldset.querySelector(`input[name="${name}"]:checked`);
    if (!checked || checked.value === "unknown") return undefined;
    return type === "yesno" ? checked.value === "yes" : checked.value;
  }
  if (type === "multi") {
    const values = [...fieldset.querySelectorAll(`input[name="${name}"]:checked`)]
      .filter((box) => box.value !== "unknown").map((box) => box.value);
    return values.length ? values : undefined;
  }
  const input = fieldset.querySelector("input:not(.tc-unknown)");
  if (!input.value || fieldset.querySelector(".tc-unknown").checked) return undefined;
  if (type === "number") return Number(input.value);
  return type === "moment" ? input.value.slice(0, 16) : input.value;
}

function isAsked(fieldset, answers) {
  return !fieldset.dataset.askIf || holds(JSON.parse(fieldset.dataset.askIf), answers) === true;
}

/* Answers of the questions that are asked, in order: a question counts only
   if its ask-if holds on the answers before it (as checker/_answers.py). */
export function readAnswers(questions) {
  const answers = {};
  for (const fieldset of questions) {
    if (!isAsked(fieldset, answers)) continue;
    const value = readQuestion(fieldset);
    if (value !== undefined) answers[fieldset.dataset.question] = value;
  }
  return answers;
}

/* Answered by the user (or a link), not just filled with a default such as
   "now" for the moment of awareness. */
export function answeredByUser(fieldset) {
  const field = fieldset.querySelector("input:not(.tc-unknown)");
  if (field && field.type !== "radio" && field.type !== "checkbox" && !field.dataset.touched) return false;
  return readQuestion(fieldset) !== undefined;
}

/* Show the questions that are asked (their ask-if holds) and that matter:
   answered, or one whose answer could still change an outcome (the
   checker's `missing`, in `needed`; before it has loaded, the questions that
   matter on a blank form, marked at build time). */
export function updateVisibility(questions, needed = null) {
  const answers = {};
  for (const fieldset of questions) {
    const matters = needed ? needed.has(fieldset.dataset.question) : fieldset.dataset.needed !== "false";
    const shown = isAsked(fieldset, answers) && (matters || answeredByUser(fieldset));
    fieldset.hidden = !shown;
    fieldset.disabled = !shown;
    if (!shown) continue;
    const value = readQuestion(fieldset);
    if (value !== undefined) answers[fieldset.dataset.question] = value;
  }
}

/* The moment of awareness starts as now, on a blank form only. */
export function setDefaults(questions) {
  for (const fieldset of questions) {
    const input = fieldset.querySelector("input[type=datetime-local]");
    if (input && !input.value && !input.dataset.touched) {
      const now = new Date();
      now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
      input.value = now.toISOString().slice(0, 16);
      fieldset.querySelector(".tc-unknown").checked = false;
    }
  }
}

const PATTERNS = { date: /^\d{4}-\d{2}-\d{2}$/, moment: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, number: /^-?\d+(\.\d+)?$/ };

/* Fill one question from the text of a link; false if it is not an answer to it. */
export function fillQuestion(fieldset, value) {
  const type = fieldset.dataset.type, name = fieldset.dataset.question;
  if (type === "yesno" || type === "choice") {
    const radio = fieldset.querySelector(`input[name="${name}"][value="${CSS.escape(value)}"]`);
    if (!radio) return false;
    radio.checked = true;
    return true;
  }
  if (type === "multi") {
    const wanted = value.split(",");
    const boxes = [...fieldset.querySelectorAll(`input[name="${name}"]`)];
    const known = boxes.map((box) => box.value);
    if (!wanted.every((v) => known.includes(v))) return false;
    for (const box of boxes) box.checked = wanted.includes(box.value);
    return true;
  }
  const input = fieldset.querySelector("input:not(.tc-unknown)"), unknown = fieldset.querySelector(".tc-unknown");
  input.dataset.touched = "1";
  if (value === "unknown") { input.value = ""; unknown.checked = true; return true; }
  if (!PATTERNS[type].test(value)) return false;
  input.value = value;
  unknown.checked = input.value === "";
  return input.value !== "";  // the browser empties an impossible date
}

/* After the user changes one input: "Don't know" for a date or number
   empties the field, typing clears "Don't know", and a ticked option and
   "Don't know" exclude each other. */
export function reconcile(form, input) {
  const question = input.closest(".tc-question");
  const unknown = question && question.querySelector(".tc-unknown");
  if (input.classList.contains("tc-unknown")) {
    const field = question.querySelector("input:not(.tc-unknown)");
    if (input.checked) field.value = "";
    field.dataset.touched = "1";
  } else if (unknown) {
    unknown.checked = !input.value;
    input.dataset.touched = "1";
  } else if (input.type === "checkbox") {
    const boxes = [...form.querySelectorAll(`input[type=checkbox][name="${input.name}"]`)];
    for (const box of boxes) {
      if (input.checked && box !== input && (input.value === "unknown" || box.value === "unknown")) box.checked = false;
    }
    if (!boxes.some((box) => box.checked)) {
      form.querySelector(`input[type=checkbox][name="${input.name}"][value=unknown]`).checked = true;
    }
  }
}

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];

/* "Sunday 22 November 2026", the words of the due dates, from "YYYY-MM-DD". */
export function dayWords(text) {
  const day = new Date(Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)));
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/* An answer in words, for the printed record; undefined when not known. */
export function answerWords(fieldset) {
  const value = readQuestion(fieldset);
  if (value === undefined) return undefined;
  const type = fieldset.dataset.type;
  if (type === "yesno") return value ? "Yes" : "No";
  if (type === "choice" || type === "multi") {
    return [...fieldset.querySelectorAll("input:checked")].filter((box) => box.value !== "unknown")
      .map((box) => box.parentNode.textContent.trim()).join("; ");
  }
  if (type === "moment") return `${value.slice(11, 16)} on ${dayWords(value)} (UK time)`;
  return type === "date" ? dayWords(value) : String(value);
}
