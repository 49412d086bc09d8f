/*
 * The results, as DOM: one article per framework (status, the obligations
 * with their due dates, what is still unknown, and why), or the outcome of a
 * definition's small checker.  The words come from Python (checker.present);
 * this only lays them out, with the hooks of SPEC section 5.
 */

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function link(cite, text, siteRoot) {
  const a = element("a", null, text);
  a.href = new URL(cite.page, siteRoot).href;
  return a;
}

/* "Still unknown: ..." with a link back to each question. */
function missingList(ids, root, lead = "Still unknown: ") {
  const missing = element("span", "tc-missing", lead);
  ids.forEach((id, index) => {
    const fieldset = root.querySelector(`[data-question="${id}"]`);
    const a = element("a", null, fieldset ? fieldset.querySelector("legend").textContent : id);
    a.href = "#q-" + id;
    a.addEventListener("click", (event) => {
      event.preventDefault();
      if (!fieldset) return;
      fieldset.scrollIntoView();
      const first = fieldset.querySelector("input");
      if (first) first.focus();
    });
    if (index) missing.appendChild(document.createTextNode("; "));
    missing.appendChild(a);
  });
  return missing;
}

/* The criteria met, not met and unknown, each with its quoted sentence. */
function reasonsDetails(reasons, siteRoot) {
  const details = element("details", "tc-reasons");
  details.appendChild(element("summary", null, "Why: the criteria and the sentences they rest on"));
  const list = element("ul");
  for (const reason of reasons) {
    const mark = reason.met === true ? "Met" : reason.met === false ? "Not met" : "Unknown";
    const item = element("li", "tc-met-" + String(reason.met));
    item.appendChild(element("strong", null, mark + ": "));
    item.appendChild(document.createTextNode(reason.text + " "));
    item.appendChild(element("q", null, reason.cite.quote));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(link(reason.cite, "Read in context", siteRoot));
    if (reason.note) item.appendChild(element("span", "tc-note", " Reading taken: " + reason.note));
    list.appendChild(item);
  }
  details.appendChild(list);
  return details;
}

export function frameworkResult(framework, display, root, siteRoot) {
  const article = element("article", "tc-framework tc-status-" + framework.status);
  article.dataset.framework = framework.id;
  article.dataset.status = framework.status;
  article.dataset.current = String(framework.current);
  article.appendChild(element("h3", null, framework.title));
  if (!framework.current) {
    const historic = element("p", "tc-historic");
    historic.appendChild(element("strong", null, "Historic procedure, not today's duty. "));
    historic.appendChild(document.createTextNode(framework.current_note));
    article.appendChild(historic);
  }
  article.appendChild(element("p", "tc-status", display.status));
  if (framework.note) article.appendChild(element("p", "tc-note", framework.note));
  if (framework.obligations.length) {
    const list = element("ul", "tc-obligations");
    for (const obligation of framework.obligations) {
      const item = element("li", null, display.obligations[obligation.id] + " ");
      item.dataset.obligation = obligation.id;
      item.dataset.strength = obligation.strength;
      if (obligation.due) item.dataset.due = obligation.due;
      item.appendChild(link(obligation.cite, "Source", siteRoot));
      if (obligation.note) item.appendChild(element("span", "tc-note", " Reading taken: " + obligation.note));
      list.appendChild(item);
    }
    article.appendChild(list);
  }
  if (framework.missing.length) article.appendChild(element("p")).appendChild(missingList(framework.missing, root));
  article.appendChild(reasonsDetails(framework.reasons, siteRoot));
  return article;
}

/* Make `container`'s children exactly `nodes`, in order, moving as little
   as it can: a node already in place is left alone, so its open <details>
   and the reader's focus inside it survive. */
export function place(container, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...container.children]) if (!wanted.has(child)) child.remove();
  nodes.forEach((node, index) => {
    const here = container.children[index];
    if (here !== node) container.insertBefore(node, here || null);
  });
}

/* A framework's new card takes over what the reader did in its old one: the
   <details> they opened stay open, and focus moves to the same link or
   summary, so changing an answer never folds up what they were reading. */
export function carryOver(old, fresh) {
  const opened = [...old.querySelectorAll("details")].map((details) => details.open);
  fresh.querySelectorAll("details").forEach((details, index) => { if (opened[index]) details.open = true; });
  const active = document.activeElement;
  if (!old.contains(active) || active === old) return null;
  // The same summary or link in the new card (a new "Still unknown" line may
  // come before it), else the card's "Why".
  const same = [...fresh.querySelectorAll(active.tagName)].find((node) =>
    node.textContent === active.textContent && node.getAttribute("href") === active.getAttribute("href"));
  const target = same || fresh.querySelector("summary");
  return () => target.focus({ preventScroll: true });
}

export function testResult(result, root, siteRoot) {
  const article = element("article", "tc-framework tc-holds-" + String(result.holds));
  article.dataset.test = result.id;
  article.dataset.holds = String(result.holds);
  article.appendChild(element("p", "tc-status", result.outcome));
  if (result.missing.length) article.appendChild(element("p")).appendChild(missingList(result.missing, root));
  article.appendChild(reasonsDetails(result.reasons, siteRoot));
  return article;
}

/* The summary above the questions: each action to take now, in deadline
   order, then each framework still unclear with the earliest deadline that
   could apply and the questions that would settle it (SPEC section 5). */
export function showVerdict(box, verdict, root, siteRoot, statusWords, answered) {
  const actions = box.querySelector(".tc-verdict-actions");
  const open = box.querySelector(".tc-verdict-open");
  actions.textContent = "";
  open.textContent = "";
  for (const action of verdict.actions) {
    const item = element("li", "tc-action tc-strength-" + action.strength);
    item.dataset.action = "";
    item.dataset.framework = action.framework;
    item.dataset.obligation = action.obligation;
    if (action.due) item.dataset.due = action.due;
    item.appendChild(element("span", "tc-action-text", action.text));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(link(action.cite, "Source", siteRoot));
    actions.appendChild(item);
  }
  for (const framework of verdict.open) {
    const line = element("p", "tc-open");
    line.dataset.framework = framework.framework;
    line.appendChild(element("strong", null, framework.title + ": not settled yet. "));
    if (framework.if_in_doubt) line.appendChild(document.createTextNode("If in doubt: " + framework.if_in_doubt + ". "));
    line.appendChild(missingList(framework.missing.map((question) => question.id), root, "Would settle it: "));
    open.appendChild(line);
  }
  // On paper, the outcome of every current framework in one list (print.css).
  const statuses = element("ul", "tc-verdict-statuses");
  const outside = verdict.statuses.filter((f) => f.status === "not_applicable").map((f) => f.title);
  for (const framework of verdict.statuses.filter((f) => f.status !== "not_applicable")) {
    statuses.appendChild(element("li", null, framework.title + ": " + statusWords[framework.framework]));
  }
  if (outside.length) statuses.appendChild(element("li", null, "Outside the scope of: " + outside.join("; ")));
  open.appendChild(statuses);
  // On a blank form every framework is open: there is nothing to say yet.
  box.hidden = !(verdict.actions.length || (answered && verdict.open.length));
}
