/*
 * Share and record: copy the link that holds the answers, and prepare the
 * printed record (when, which rules, the link, every question shown with its
 * answer; the results follow it on paper).  Nothing is stored or sent.
 */

import { answerWords } from "./form.js";
import { element } from "./results.js";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];

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

export function prepareRecord(record, questions, results, rulesVersion) {
  const meta = record.querySelector(".tc-record-meta");
  const list = record.querySelector(".tc-record-answers");
  meta.textContent = "";
  list.textContent = "";
  for (const [term, value] of [["Checked on", longDateTime(new Date())],
                               ["Rules version", rulesVersion],
                               ["Checked with", "Threshold, " + location.origin + location.pathname],
                               ["Link to these answers", location.href]]) {
    meta.appendChild(element("dt", null, term));
    meta.appendChild(element("dd", null, value));
  }
  for (const fieldset of questions) {
    if (fieldset.hidden) continue;
    list.appendChild(element("dt", null, fieldset.querySelector("legend").textContent));
    list.appendChild(element("dd", null, answerWords(fieldset)));
  }
  for (const details of results.querySelectorAll("details:not([open])")) {
    details.open = true;
    details.dataset.openedForPrint = "1";
  }
}

export function afterPrint(results) {
  for (const details of results.querySelectorAll("details[data-opened-for-print]")) {
    details.open = false;
    delete details.dataset.openedForPrint;
  }
}
