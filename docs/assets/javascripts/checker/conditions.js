/*
 * Three-valued ask-if conditions, the same semantics as checker/_conditions.py
 * (tests/test_js_modules.py runs both on every ask-if of the rules): true,
 * false, or null when an answer it needs is unknown.  The questionnaire uses
 * it to show only the questions that are asked before Python has loaded.
 */

const COMPARE = {
  at_least: (a, b) => a >= b,
  at_most: (a, b) => a <= b,
  less_than: (a, b) => a < b,
  more_than: (a, b) => a > b,
};

function compare(condition, value) {
  for (const name in COMPARE) {
    if (name in condition) return COMPARE[name](value, condition[name]);
  }
  return null;
}

/* Calendar days from one "YYYY-MM-DD..." answer to another. */
function days(from, to) {
  const day = (text) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
  return Math.round((day(to) - day(from)) / 86400000);
}

function combine(items, answers, decisive) {
  let result = !decisive;
  for (const item of items) {
    const value = holds(item, answers);
    if (value === decisive) return decisive;
    if (value === null) result = null;
  }
  return result;
}

export function holds(condition, answers) {
  if (condition.all) return combine(condition.all, answers, false);
  if (condition.any) return combine(condition.any, answers, true);
  if ("not" in condition) {
    const value = holds(condition.not, answers);
    return value === null ? null : !value;
  }
  if (condition.days) {
    const from = answers[condition.days.from], to = answers[condition.days.to];
    if (from === undefined || to === undefined) return null;
    return compare(condition, days(from, to));
  }
  const value = answers[condition.answer];
  if (value === undefined) return null;
  if ("is" in condition) return value === condition.is;
  if (condition.in) {
    if (Array.isArray(value)) return value.some((v) => condition.in.includes(v));
    return condition.in.includes(value);
  }
  return compare(condition, value);
}
