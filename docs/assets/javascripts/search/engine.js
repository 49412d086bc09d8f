/*
 * Threshold's search engine: lunr (the library Material's own search uses),
 * with the matching practitioners need and Material's worker gave no hook
 * for: stop words dropped before prefix matching ("in" matches nothing by
 * itself), typo tolerance for words of five letters or more, English
 * stemming, the everyday-language vocabulary (rules/vocabulary.yaml) as a
 * field of its own, and "Check this incident" offered first when a query
 * names an incident.  Pure functions over the index the build writes
 * (scripts/build/search_index.py); a classic script, so the search worker
 * can load it with importScripts and Node tests with require.
 */
(function (root) {
  "use strict";
  const lunr = root.lunr || (typeof require === "function" ? require("lunr") : null);

  // Field weights: a heading or an everyday word that names the section
  // counts for more than a passing mention in its text.
  const FIELDS = { title: 4, also: 5, page: 1, text: 1 };
  const SNIPPET = 220;        // characters of text shown around the first match
  const MAX_DOCS = 80;        // sections ranked before grouping by page
  const SHOWN_PER_PAGE = 3;   // sections shown under a page; the rest behind "N more"
  // A word: letters and digits, joined by apostrophes or ampersands, which
  // are then dropped ("OD'd" is "odd", "A&E" is "ae"), in the index and in
  // queries alike.
  const WORD = /[\p{L}\p{N}]+(?:['’&][\p{L}\p{N}]+)*/gu;
  const JOINERS = /['’&]/g;

  function words(text) {
    return (text.toLowerCase().match(WORD) || []).map((word) => word.replace(JOINERS, ""));
  }

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  function isStopWord(word) {
    return lunr.stopWordFilter(new lunr.Token(word)) === undefined;
  }

  function dropJoiners(token) {
    const text = token.toString().replace(JOINERS, "");
    return text ? token.update(() => text) : undefined;
  }
  // lunr warns on the console about a pipeline function it does not know.
  lunr.Pipeline.registerFunction(dropJoiners, "thresholdDropJoiners");

  // Documents are known by `ref`: their location, or for an incident its own
  // id (several incidents open the checker with the same answers).
  function refOf(doc) {
    return doc.id || doc.location;
  }

  function buildIndex(docs, fields) {
    lunr.tokenizer.separator = /[^\p{L}\p{N}'’&]+/u;
    const index = lunr(function () {
      this.pipeline.reset();
      this.pipeline.add(dropJoiners, lunr.stopWordFilter, lunr.stemmer);
      this.searchPipeline.reset();
      this.ref("ref");
      for (const [name, boost] of Object.entries(fields)) this.field(name, { boost });
      this.metadataWhitelist = [];
      this.b(0.3);  // a long section is penalised a little, not as much as lunr's default
      for (const doc of docs) this.add(Object.assign({ ref: refOf(doc) }, doc), { boost: doc.boost || 1 });
    });
    index.documentCount = docs.length;
    return index;
  }

  /** Build both indexes from the documents the build wrote. */
  function create(docs) {
    const pages = docs.filter((doc) => doc.kind !== "incident");
    const checks = docs.filter((doc) => doc.kind === "incident");
    return {
      docs: new Map(docs.map((doc) => [refOf(doc), doc])),
      titles: new Map(pages.filter((doc) => !doc.location.includes("#")).map((doc) => [doc.location, doc.title])),
      index: buildIndex(pages, FIELDS),
      // Incidents match on their everyday words only: "child" is in every
      // incident's phrase and must not offer one.
      checks: buildIndex(checks, { also: 1 }),
      stems: new Map(),
    };
  }

  /** The query's words that count: stop words dropped, each with the index
   * terms it may match (its stem; words it begins, while typed; words one or
   * two letters away, for typos). */
  function parse(engine, query) {
    const typed = words(query);
    const kept = typed.filter((word) => !isStopWord(word) && (word.length > 1 || /\d/.test(word)));
    return kept.map((word, position) => {
      const last = position === kept.length - 1 && !/\s$/.test(query);
      const stemmed = stem(word);
      // A word the site never uses is a typo or a word still being typed:
      // then its near and longer forms count as much as an exact word would.
      const known = !engine || engine.index.invertedIndex[stemmed] !== undefined;
      const clauses = [{ term: stemmed, boost: 10 }];
      if (word.length >= 3 || last) {
        clauses.push({ term: word, wildcard: lunr.Query.wildcard.TRAILING, boost: known ? (last ? 4 : 2) : 8 });
      }
      if (word.length >= 5) {
        const distance = word.length >= 8 ? 2 : 1;
        clauses.push({ term: word, editDistance: distance, boost: known ? 1 : 8 });
        if (stemmed !== word) clauses.push({ term: stemmed, editDistance: distance, boost: known ? 1 : 8 });
      }
      return { word, clauses };
    });
  }

  function expansions(index, term) {
    // The same expansion lunr performs for a clause, to tell which query
    // words a document matched.
    const matched = new Set();
    for (const clause of term.clauses) {
      let set;
      if (clause.editDistance) set = lunr.TokenSet.fromFuzzyString(clause.term, clause.editDistance);
      else if (clause.wildcard) set = lunr.TokenSet.fromString(clause.term + "*");
      else set = lunr.TokenSet.fromString(clause.term);
      for (const token of index.tokenSet.intersect(set).toArray()) matched.add(token);
    }
    return matched;
  }

  /** How rare the index terms a query word may match are: the inverse of
   * the share of documents that have any of them. */
  function rarity(index, tokens) {
    const docs = new Set();
    for (const token of tokens) {
      const posting = index.invertedIndex[token];
      if (!posting) continue;
      for (const [field, refs] of Object.entries(posting)) {
        if (field !== "_index") for (const ref of Object.keys(refs)) docs.add(ref);
      }
    }
    return Math.log(1 + index.documentCount / (1 + docs.size));
  }

  function run(index, terms) {
    if (!terms.length) return [];
    const results = index.query((q) => {
      for (const term of terms) {
        for (const clause of term.clauses) {
          // lunr tests for the keys' presence: an undefined editDistance
          // would make it expand the term without end.
          const options = { boost: clause.boost, usePipeline: false, presence: lunr.Query.presence.OPTIONAL };
          if (clause.wildcard) options.wildcard = clause.wildcard;
          if (clause.editDistance) options.editDistance = clause.editDistance;
          q.term(clause.term, options);
        }
      }
    });
    const expanded = terms.map((term) => expansions(index, term));
    const weights = expanded.map((set) => rarity(index, set));
    const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
    return results.map((result) => {
      const found = new Set(Object.keys(result.matchData.metadata));
      const hits = expanded.map((set) => [...set].some((token) => found.has(token)));
      // A section that has every word of the query outranks one that has one
      // word many times; a rare word ("OOCD") counts for more of the query
      // than a common one ("incident").
      const coverage = weights.reduce((sum, weight, i) => sum + (hits[i] ? weight : 0), 0) / total;
      return { ref: result.ref, score: result.score * coverage * coverage, hits, found };
    }).sort((a, b) => b.score - a.score);
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  /** *text* with the words that matched marked, cut to a window around the
   * first match when *limit* is given. */
  function highlight(engine, text, found, limit) {
    const marks = [];
    for (const match of text.matchAll(WORD)) {
      const word = match[0].toLowerCase().replace(JOINERS, "");
      let stemmed = engine.stems.get(word);
      if (stemmed === undefined) {
        stemmed = stem(word);
        engine.stems.set(word, stemmed);
      }
      if (found.has(stemmed)) marks.push([match.index, match.index + match[0].length]);
    }
    let start = 0;
    let end = text.length;
    if (limit && text.length > limit) {
      const first = marks.length ? marks[0][0] : 0;
      start = Math.max(0, first - 60);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      end = Math.min(text.length, start + limit);
      if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
    }
    let html = start > 0 ? "… " : "";
    let at = start;
    for (const [from, to] of marks) {
      if (from < start || to > end) continue;
      html += escapeHtml(text.slice(at, from)) + "<mark>" + escapeHtml(text.slice(from, to)) + "</mark>";
      at = to;
    }
    html += escapeHtml(text.slice(at, end)) + (end < text.length ? " …" : "");
    return html;
  }

  function item(engine, doc, result, terms) {
    const words = {};
    terms.forEach((term, i) => { words[term.word] = result ? result.hits[i] : true; });
    return {
      location: doc.location,
      title: result ? highlight(engine, doc.title, result.found) : escapeHtml(doc.title),
      text: result ? highlight(engine, doc.text || "", result.found, SNIPPET) : "",
      score: result ? result.score : 0,
      terms: words,
    };
  }

  /** Material's search result: groups of [page, its best sections...], best
   * first, with "Check this incident" on top when the query names one. */
  function search(engine, query) {
    const terms = parse(engine, query);
    const results = run(engine.index, terms).slice(0, MAX_DOCS);
    const groups = new Map();
    for (const result of results) {
      const page = result.ref.split("#")[0];
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(result);
    }
    const items = [];
    const check = run(engine.checks, terms)[0];
    if (check) items.push([item(engine, engine.docs.get(check.ref), check, terms)]);
    for (const [page, found] of groups) {
      const own = found.find((result) => result.ref === page);
      const sections = found.filter((result) => result.ref !== page);
      const pageDoc = engine.docs.get(page) || { location: page, title: engine.titles.get(page) || page, text: "" };
      const head = item(engine, pageDoc, own || null, terms);
      // Material shows the sections scoring at least the first item's score
      // and folds the rest: the page's own score decides how many are shown.
      const shown = sections.slice(0, SHOWN_PER_PAGE);
      head.score = own && !sections.length ? own.score : (shown.length ? shown[shown.length - 1].score : 0);
      if (!own) head.terms = Object.fromEntries(terms.map((term, i) => [term.word, found.some((r) => r.hits[i])]));
      items.push([head, ...sections.map((result) => item(engine, engine.docs.get(result.ref), result, terms))]);
    }
    return { items };
  }

  const api = { create, search, parse, words, stem, isStopWord };
  root.ThresholdSearch = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : globalThis);
