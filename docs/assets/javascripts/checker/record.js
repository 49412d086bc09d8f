/*
 * Share and record: copy the link that holds the answers, and prepare the
 * printed record (when, which rules, the link, every question shown with its
 * answer; the results follow it on paper).  Nothing is stored or sent.
 */

import { MONTHS, WEEKDAYS, answerWords } from "./form.js";
import { element } from "./results.js";


/* "Wednesday 25 November 2026 at 09:05", the style of the due dates.
   Written out by hand because toLocaleDateString's punctuation differs
   between browsers' ICU versions (some add a comma after the weekday). */
function longDateTime(d) {
  const two = (n) => (n < 10 ? "0" : "") + n;
  return `${WEEKDAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} at ` +
    `${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function copyLink(statusLine) {
  const done = () => {
    statusLine.textContent = "Link copied. It holds your answers: share it only where that is safe.";
  };
  const failed = () => {
    statusLine.textContent = "Your browser did not allow copying: copy the address from the address bar instead.";
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(location.href).then(done, failed);
  } else {
    failed();
  }
}

/* The record for the case file, kept current as the answers change (it is
   shown only on paper): when, which rules, the link, the answers given and
   those not known.  The verdict and the outcomes follow it on paper. */
export function fillRecord(record, questions, rules, rulesVersion) {
  const meta = record.querySelector(".tc-record-meta");
  const list = record.querySelector(".tc-record-answers");
  meta.textContent = "";
  list.textContent = "";
  for (const [term, value] of [["Checked on", longDateTime(new Date())],
                               ["Checked against", rules],
                               ["Checked with", "Threshold, " + location.origin + location.pathname],
                               ["Link to these answers", location.href]]) {
    meta.appendChild(element("dt", null, term));
    const detail = meta.appendChild(element("dd", null, value));
    if (term === "Checked against") detail.appendChild(element("small", "tc-small-print", " (rules version " + rulesVersion + ")"));
  }
  const unknown = [];
  for (const fieldset of questions) {
    if (fieldset.hidden) continue;
    const words = answerWords(fieldset);
    const question = fieldset.querySelector("legend").textContent;
    if (words === undefined) {
      unknown.push(question);
      continue;
    }
    list.appendChild(element("dt", null, question));
    list.appendChild(element("dd", null, words));
  }
  record.querySelector(".tc-record-unknown").textContent =
    unknown.length ? "Not known: " + unknown.join("; ") : "Every question shown was answered.";
}
