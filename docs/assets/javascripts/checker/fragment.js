/*
 * The answers in the URL fragment (SPEC section 5): #question_id=value&...,
 * URL-encoded; yes/no as yes/no, a multi-choice comma-separated.  The Python
 * side (checker/_fragment.py) writes the worked examples' links; a test runs
 * both on every worked example.
 */

export const MAX_FRAGMENT = 8192;

function text(value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  return Array.isArray(value) ? value.join(",") : String(value);
}

/* "#id=value&...": the answers given, in the order of `ids`. */
export function encode(answers, ids) {
  const parts = ids.filter((id) => answers[id] !== undefined)
    .map((id) => encodeURIComponent(id) + "=" + encodeURIComponent(text(answers[id])));
  return "#" + parts.join("&");
}

/* A fragment (without "#") read into [id, value, position of "="] triples
   of text, the parts that could not be read, and whether it is a set of
   answers at all (a heading's anchor is not). */
export function decode(fragment) {
  const pairs = [], problems = [];
  if (!fragment || !fragment.includes("=")) return { pairs, problems, answers: false };
  if (fragment.length > MAX_FRAGMENT) {
    return { pairs, problems: ["the link is too long to be a set of answers"], answers: false };
  }
  for (const pair of fragment.split("&")) {
    const at = pair.indexOf("=");
    try {
      pairs.push([decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1)), at]);
    } catch (error) {
      problems.push("a badly encoded part");
    }
  }
  return { pairs, problems, answers: true };
}
