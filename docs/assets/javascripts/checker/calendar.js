/*
 * "Add to calendar": the deadlines of what to do now as an iCalendar file,
 * built in the page and handed to the browser as a download; nothing leaves
 * the device.  One event per action that has a due date: at its moment, in
 * UK time (TZID Europe/London, with the rules of British Summer Time), or,
 * for a deadline at the end of a day, as an all-day event on that day.
 */

const LONDON = [
  "BEGIN:VTIMEZONE", "TZID:Europe/London",
  "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
  "DTSTART:19810329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
  "DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE",
];

/* Text as an iCalendar value: backslash, semicolon, comma and newline escaped. */
function text(value) {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/* Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1). */
function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts = [];
  let current = "";
  for (const char of line) {
    if (new TextEncoder().encode(current + char).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function compact(moment) {
  return moment.replace(/[-:]/g, "");
}

function nextDay(day) {
  const next = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + 1));
  return next.toISOString().slice(0, 10);
}

/* The iCalendar text of the actions that have a due date. */
export function calendar(actions, siteRoot, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Threshold//Deadlines//EN", "CALSCALE:GREGORIAN",
                 ...LONDON];
  for (const action of actions.filter((a) => a.due)) {
    const when = action.due.includes("T")
      ? [`DTSTART;TZID=Europe/London:${compact(action.due)}00`, `DTEND;TZID=Europe/London:${compact(action.due)}00`]
      : [`DTSTART;VALUE=DATE:${compact(action.due)}`, `DTEND;VALUE=DATE:${compact(nextDay(action.due))}`];
    const source = new URL(action.cite.page, siteRoot).href;
    lines.push("BEGIN:VEVENT", `UID:${action.framework}.${action.obligation}.${compact(action.due)}@threshold`,
               `DTSTAMP:${stamp}`, ...when, `SUMMARY:${text("Deadline: " + action.text)}`,
               `DESCRIPTION:${text(action.text + "\n\nSource: " + source)}`, `URL:${source}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

export function download(actions, siteRoot) {
  const blob = new Blob([calendar(actions, siteRoot)], { type: "text/calendar" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "threshold-deadlines.ics";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
