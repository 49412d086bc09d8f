/*
 * The Worked examples page: filter the examples by framework, outcome and
 * kind of incident, in the page (no server; nothing stored).  Loaded on
 * every page; acts only where the filter is (Material's instant navigation
 * does not re-run scripts, so it listens to `document$`).
 */

import { onEveryPage } from "./pages.js";

function apply(form) {
  const wanted = Object.fromEntries([...form.querySelectorAll("select")].map((s) => [s.name, s.value]));
  const examples = [...document.querySelectorAll(".tc-example")];
  // The table of contents (the sidebar, and the drawer on a phone) lists only
  // the examples shown: a hidden one is not a place to jump to.  Material
  // makes its links absolute, so they are matched by their fragment.
  const contents = new Map();
  for (const link of document.querySelectorAll(".md-nav--secondary a.md-nav__link")) {
    const id = decodeURIComponent(link.hash.slice(1));
    contents.set(id, [...(contents.get(id) || []), link.closest(".md-nav__item")]);
  }
  let shown = 0;
  for (const example of examples) {
    const match = Object.entries(wanted).every(([key, value]) =>
      !value || example.dataset[key].split(" ").includes(value));
    example.hidden = !match;
    if (match) shown += 1;
    const heading = example.querySelector("h2[id]");
    for (const item of (heading && contents.get(heading.id)) || []) item.hidden = !match;
  }
  form.querySelector(".tc-example-count").textContent =
    shown === examples.length ? `All ${shown} examples shown.` : `${shown} of ${examples.length} examples shown.`;
}

function onPage() {
  const form = document.querySelector("[data-example-filter]");
  if (!form) return;
  form.hidden = false;
  form.addEventListener("change", () => apply(form));
  form.addEventListener("submit", (event) => event.preventDefault());
  apply(form);
}

onEveryPage(onPage);
