// Run the site's search engine in Node over a built site's index, for tests
// and for trying queries without a browser:
//
//   echo '["knifed", "child in care died"]' | node scripts/node/search_run.cjs SITE/search/search_index.json
//
// Prints, per query, the result list as Material shows it: one group per
// page (a list item), each the page then its sections scoring at least the
// page's score (the rest are folded behind "N more", as Material renders
// them); `links` is the same flattened.
const fs = require("node:fs");
const path = require("node:path");

globalThis.lunr = require(path.join(__dirname, "..", "..", "node_modules", "lunr"));
const search = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "search", "engine.js"));

const index = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
const queries = JSON.parse(fs.readFileSync(0, "utf-8"));
const engine = search.create(index.docs);
const out = queries.map((query) => {
  const started = process.hrtime.bigint();
  const { items } = search.search(engine, query);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const links = [];
  const shown = [];
  const groups = [];
  for (const group of items) {
    const [head, ...sections] = group;
    const visible = [head.location];
    groups.push(visible);
    links.push(head.location);
    shown.push({ location: head.location, title: head.title, text: head.text });
    for (const section of sections) {
      if (section.score >= head.score) {
        visible.push(section.location);
        links.push(section.location);
        shown.push({ location: section.location, title: section.title, text: section.text });
      }
    }
  }
  return { query, groups, links, shown, ms };
});
process.stdout.write(JSON.stringify(out));
