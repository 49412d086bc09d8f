/*
 * Threshold checker, page side.
 *
 * The questionnaire is already in the page (rendered at build time), so it can
 * be filled at once.  This script routes: it shows only the questions whose
 * ask-if condition holds, keeps the answers in the URL fragment, and sends
 * them to the checker running in a Pyodide Web Worker, which decides.  Nothing
 * is stored and nothing leaves the browser.
 *
 * Loaded on every page (Material's instant navigation does not re-run scripts),
 * it wires each checker page from Material's `document$` stream.  One worker
 * serves the whole visit, so Python stays warm across navigation.
 */
(function () {
  "use strict";

  // Resolve our own files from this script's URL: the page URL changes under
  // instant navigation, this does not.
  var SCRIPT_URL = document.currentScript && document.currentScript.src;
  var LOAD_TIMEOUT_MS = 120000;
  var MAX_FRAGMENT = 8192;

  var runtime = { worker: null, state: "loading", message: "", page: null, timer: null };

  function startWorker(root) {
    if (runtime.worker) return;
    try {
      runtime.worker = new Worker(new URL("checker-worker.js", SCRIPT_URL), { type: "module" });
    } catch (error) {
      setRuntimeState("error", "Your browser could not start the checker (" + error.message + ").");
      return;
    }
    runtime.worker.onmessage = function (event) { onWorkerMessage(event.data); };
    runtime.worker.onerror = function (event) {
      setRuntimeState("error", "The checker failed to start: " + (event.message || "unknown error") + ".");
    };
    runtime.worker.postMessage({
      type: "init",
      pyodide: new URL(root.dataset.pyodide, location.href).href,
      wheel: new URL(root.dataset.wheel, location.href).href,
      stdlib: new URL(root.dataset.stdlib, location.href).href,
    });
    // loadPyodide never settles when the wasm cannot be instantiated: give up visibly.
    runtime.timer = setTimeout(function () {
      if (runtime.state === "loading") {
        setRuntimeState("error", "The checker did not finish loading within " + LOAD_TIMEOUT_MS / 1000 +
          " seconds. Reload the page to try again; the guidance itself works without it.");
      }
    }, LOAD_TIMEOUT_MS);
  }

  function setRuntimeState(state, message) {
    runtime.state = state;
    runtime.message = message || "";
    if (state !== "loading" && runtime.timer) clearTimeout(runtime.timer);
    if (runtime.page) runtime.page.showState();
  }

  function onWorkerMessage(message) {
    if (message.type === "progress") {
      runtime.message = message.text;
      if (runtime.page) runtime.page.showState();
    } else if (message.type === "ready") {
      setRuntimeState("ready");
      if (runtime.page) runtime.page.evaluate();
    } else if (message.type === "error") {
      setRuntimeState("error", message.text);
    } else if (message.type === "result" && runtime.page) {
      runtime.page.showResult(message);
    }
  }

  /* ---- three-valued ask-if conditions (the same semantics as checker/_conditions.py) ---- */

  var COMPARE = {
    at_least: function (a, b) { return a >= b; },
    at_most: function (a, b) { return a <= b; },
    less_than: function (a, b) { return a < b; },
    more_than: function (a, b) { return a > b; },
  };

  function compare(condition, value) {
    for (var name in COMPARE) {
      if (name in condition) return COMPARE[name](value, condition[name]);
    }
    return null;
  }

  function days(from, to) {
    var start = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
    var end = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
    return Math.round((end - start) / 86400000);
  }

  function holds(condition, answers) {
    var i, value, result;
    if (condition.all) {
      result = true;
      for (i = 0; i < condition.all.length; i++) {
        value = holds(condition.all[i], answers);
        if (value === false) return false;
        if (value === null) result = null;
      }
      return result;
    }
    if (condition.any) {
      result = false;
      for (i = 0; i < condition.any.length; i++) {
        value = holds(condition.any[i], answers);
        if (value === true) return true;
        if (value === null) result = null;
      }
      return result;
    }
    if ("not" in condition) {
      value = holds(condition.not, answers);
      return value === null ? null : !value;
    }
    if (condition.days) {
      var from = answers[condition.days.from], to = answers[condition.days.to];
      if (from === undefined || to === undefined) return null;
      return compare(condition, days(from, to));
    }
    value = answers[condition.answer];
    if (value === undefined) return null;
    if ("is" in condition) return value === condition.is;
    if (condition.in) {
      if (Array.isArray(value)) return value.some(function (v) { return condition.in.indexOf(v) >= 0; });
      return condition.in.indexOf(value) >= 0;
    }
    return compare(condition, value);
  }

  /* ---- one checker page ---- */

  function CheckerPage(root) {
    this.root = root;
    this.form = root.querySelector(".tc-form");
    this.results = root.querySelector(".tc-results-body");
    this.notice = root.querySelector(".tc-notice");
    this.status = root.querySelector(".tc-loading-text");
    this.questions = Array.prototype.slice.call(root.querySelectorAll(".tc-question"));
    this.summary = root.querySelector(".tc-summary");
    this.actionStatus = root.querySelector(".tc-action-status");
    this.record = root.querySelector(".tc-record");
    this.rulesVersion = root.dataset.rulesVersion;
    // A definition page's small checker: its own questions, no shared link.
    this.test = root.dataset.test || null;
    this.sequence = 0;
    this.siteRoot = new URL(root.dataset.siteRoot || "../", location.href);
  }

  CheckerPage.prototype.start = function () {
    var page = this;
    var problems = this.test ? [] : this.fillFromFragment();
    // A link's fragment is the whole set of answers: what it leaves out was
    // not known, so the awareness moment defaults to now only on a blank form.
    if (!this.fromLink) this.setDefaults();
    this.updateVisibility();
    if (problems.length) this.showNotice(problems);
    this.form.addEventListener("change", function (event) { page.onChange(event); });
    this.form.addEventListener("input", function (event) {
      if (event.target.type !== "radio" && event.target.type !== "checkbox") page.onChange(event);
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (!this.test) {
      this.root.querySelector(".tc-copy").addEventListener("click", function () { page.copyLink(); });
      this.root.querySelector(".tc-print").addEventListener("click", function () {
        page.prepareRecord();
        window.print();
      });
    }
    this.showState();
    this.evaluate();
  };

  CheckerPage.prototype.showState = function () {
    this.root.dataset.state = runtime.state;
    var loading = this.root.querySelector(".tc-loading");
    if (runtime.state === "ready") {
      loading.hidden = true;
    } else {
      loading.hidden = false;
      if (runtime.state === "error") {
        loading.querySelector("progress").hidden = true;
        this.status.textContent = runtime.message;
      } else if (runtime.message) {
        this.status.textContent = runtime.message + " You can start answering now.";
      }
    }
  };

  CheckerPage.prototype.showNotice = function (problems) {
    this.notice.hidden = false;
    this.notice.textContent = "Some answers in the link were ignored: " + problems.join("; ") + ".";
  };

  CheckerPage.prototype.onChange = function (event) {
    var input = event.target;
    var unknown = input.closest(".tc-question") && input.closest(".tc-question").querySelector(".tc-unknown");
    if (input.classList.contains("tc-unknown")) {
      // "Don't know" for a date or number empties the field.
      var field = input.closest(".tc-question").querySelector("input:not(.tc-unknown)");
      if (input.checked) field.value = "";
      field.dataset.touched = "1";
    } else if (unknown) {
      unknown.checked = !input.value;
      input.dataset.touched = "1";
    } else if (input.type === "checkbox") {
      // "Don't know" and real options exclude each other.
      var boxes = this.form.querySelectorAll('input[type=checkbox][name="' + input.name + '"]');
      Array.prototype.forEach.call(boxes, function (box) {
        if (input.checked && box !== input && (input.value === "unknown" || box.value === "unknown")) {
          box.checked = false;
        }
      });
      var any = Array.prototype.some.call(boxes, function (box) { return box.checked; });
      if (!any) this.form.querySelector('input[type=checkbox][name="' + input.name + '"][value=unknown]').checked = true;
    }
    this.updateVisibility();
    if (!this.test) this.writeFragment();
    this.evaluate();
  };

  CheckerPage.prototype.readQuestion = function (fieldset) {
    var name = fieldset.dataset.question, type = fieldset.dataset.type;
    if (type === "yesno" || type === "choice") {
      var checked = fieldset.querySelector('input[name="' + name + '"]:checked');
      if (!checked || checked.value === "unknown") return undefined;
      if (type === "yesno") return checked.value === "yes";
      return checked.value;
    }
    if (type === "multi") {
      var values = Array.prototype.filter.call(fieldset.querySelectorAll('input[name="' + name + '"]:checked'),
        function (box) { return box.value !== "unknown"; }).map(function (box) { return box.value; });
      return values.length ? values : undefined;
    }
    var input = fieldset.querySelector("input:not(.tc-unknown)");
    if (!input.value || fieldset.querySelector(".tc-unknown").checked) return undefined;
    if (type === "number") return Number(input.value);
    return type === "moment" ? input.value.slice(0, 16) : input.value;
  };

  /* Answers of the questions that are asked, in order: a question counts only
     if its ask-if holds on the answers before it (as checker/_answers.py). */
  CheckerPage.prototype.answers = function () {
    var answers = {};
    for (var i = 0; i < this.questions.length; i++) {
      var fieldset = this.questions[i];
      if (fieldset.dataset.askIf && holds(JSON.parse(fieldset.dataset.askIf), answers) !== true) continue;
      var value = this.readQuestion(fieldset);
      if (value !== undefined) answers[fieldset.dataset.question] = value;
    }
    return answers;
  };

  CheckerPage.prototype.updateVisibility = function () {
    var answers = {};
    for (var i = 0; i < this.questions.length; i++) {
      var fieldset = this.questions[i];
      var shown = !fieldset.dataset.askIf || holds(JSON.parse(fieldset.dataset.askIf), answers) === true;
      fieldset.hidden = !shown;
      fieldset.disabled = !shown;
      if (!shown) continue;
      var value = this.readQuestion(fieldset);
      if (value !== undefined) answers[fieldset.dataset.question] = value;
    }
  };

  CheckerPage.prototype.setDefaults = function () {
    this.questions.forEach(function (fieldset) {
      var input = fieldset.querySelector("input[type=datetime-local]");
      if (input && !input.value && !input.dataset.touched) {
        var now = new Date();
        now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
        input.value = now.toISOString().slice(0, 16);
        fieldset.querySelector(".tc-unknown").checked = false;
      }
    });
  };

  /* ---- the URL fragment: #question_id=value&... (SPEC section 5) ---- */

  CheckerPage.prototype.writeFragment = function () {
    var answers = this.answers(), parts = [];
    this.questions.forEach(function (fieldset) {
      var id = fieldset.dataset.question, value = answers[id];
      if (value === undefined) return;
      if (value === true) value = "yes";
      else if (value === false) value = "no";
      else if (Array.isArray(value)) value = value.join(",");
      parts.push(encodeURIComponent(id) + "=" + encodeURIComponent(String(value)));
    });
    history.replaceState(history.state, "", "#" + parts.join("&"));
  };

  CheckerPage.prototype.fillFromFragment = function () {
    var fragment = location.hash.slice(1), problems = [];
    if (!fragment || fragment.indexOf("=") < 0) return problems;
    if (fragment.length > MAX_FRAGMENT) return ["the link is too long to be a set of answers"];
    this.fromLink = true;
    var byId = {};
    this.questions.forEach(function (fieldset) { byId[fieldset.dataset.question] = fieldset; });
    fragment.split("&").forEach(function (pair) {
      var at = pair.indexOf("="), id, value;
      try {
        id = decodeURIComponent(pair.slice(0, at));
        value = decodeURIComponent(pair.slice(at + 1));
      } catch (error) {
        problems.push("a badly encoded part");
        return;
      }
      var fieldset = byId[id];
      if (at < 1 || !fieldset) { problems.push('unknown question "' + id.slice(0, 40) + '"'); return; }
      if (!fillQuestion(fieldset, value)) problems.push('"' + value.slice(0, 40) + '" is not an answer to "' + id + '"');
    });
    return problems;
  };

  function fillQuestion(fieldset, value) {
    var type = fieldset.dataset.type, name = fieldset.dataset.question;
    if (type === "yesno" || type === "choice") {
      var radio = fieldset.querySelector('input[name="' + name + '"][value="' + CSS.escape(value) + '"]');
      if (!radio) return false;
      radio.checked = true;
      return true;
    }
    if (type === "multi") {
      var wanted = value.split(",");
      var boxes = fieldset.querySelectorAll('input[name="' + name + '"]');
      var known = Array.prototype.map.call(boxes, function (box) { return box.value; });
      if (!wanted.every(function (v) { return known.indexOf(v) >= 0; })) return false;
      Array.prototype.forEach.call(boxes, function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
      return true;
    }
    var input = fieldset.querySelector("input:not(.tc-unknown)"), unknown = fieldset.querySelector(".tc-unknown");
    input.dataset.touched = "1";
    if (value === "unknown") { input.value = ""; unknown.checked = true; return true; }
    var patterns = { date: /^\d{4}-\d{2}-\d{2}$/, moment: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, number: /^-?\d+(\.\d+)?$/ };
    if (!patterns[type].test(value)) return false;
    input.value = value;
    unknown.checked = input.value === "";
    return input.value !== "";  // the browser empties an impossible date
  }

  /* ---- evaluation and results ---- */

  CheckerPage.prototype.evaluate = function () {
    if (runtime.state !== "ready") return;
    this.sequence += 1;
    this.postedAt = performance.now();
    // Busy until the newest answer's verdict is shown: screen readers wait,
    // and scripts (tests, bench) know when the results are current.
    this.results.setAttribute("aria-busy", "true");
    runtime.worker.postMessage({ type: "evaluate", id: this.sequence, answers: this.answers(), test: this.test });
  };

  CheckerPage.prototype.showResult = function (message) {
    if (message.id !== this.sequence) return;  // a newer answer is on its way
    // From answer to shown verdict, for scripts/bench (a local measure, never sent).
    var measured = { start: this.postedAt };
    var body = this.results;
    body.textContent = "";
    body.setAttribute("aria-busy", "false");
    if (!message.ok) {
      var error = element("p", "tc-error", "The checker could not use these answers: " + message.problems.join("; "));
      body.appendChild(error);
      return;
    }
    var page = this;
    if (this.test) {
      body.appendChild(this.testResult(message.result));
      this.summary.textContent = "Result updated: " + message.result.outcome;
      return;
    }
    body.appendChild(element("p", "tc-version", "Rules version " + message.result.rules_version + "."));
    // Historic procedures come last: they are never today's duty (SPEC section 4).
    var ordered = message.result.frameworks.filter(function (f) { return f.current; })
      .concat(message.result.frameworks.filter(function (f) { return !f.current; }));
    ordered.forEach(function (framework) {
      body.appendChild(page.frameworkResult(framework, message.display[framework.id]));
    });
    this.summary.textContent = summarise(message.result.frameworks);
    performance.measure("threshold-evaluation", measured);
  };

  var SUMMARY_WORDS = [["notify", "notify under "], ["consider", "consider under "],
    ["unclear", "unclear under "], ["not_required", "not required under "], ["not_applicable", "not applicable under "]];

  /* One sentence for the live region: a screen reader hears what changed
     without the whole results area being read out on every answer. */
  function summarise(frameworks) {
    var parts = [];
    var current = frameworks.filter(function (f) { return f.current; });
    SUMMARY_WORDS.forEach(function (pair) {
      var n = current.filter(function (f) { return f.status === pair[0]; }).length;
      if (n) parts.push(pair[1] + n + (n === 1 ? " framework" : " frameworks"));
    });
    return "Results updated: " + parts.join(", ") + ".";
  }

  /* ---- share and record ---- */

  CheckerPage.prototype.copyLink = function () {
    var page = this, url = location.href;
    var done = function () {
      page.actionStatus.textContent = "Link copied. It holds your answers: share it only where that is safe.";
    };
    var failed = function () {
      page.actionStatus.textContent = "Your browser did not allow copying: copy the address from the address bar instead.";
    };
    this.writeFragment();
    url = location.href;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, failed);
    } else {
      failed();
    }
  };

  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"];

  /* "Wednesday 25 November 2026 at 09:05", the style of the due dates.
     Written out by hand because toLocaleDateString's punctuation differs
     between browsers' ICU versions (some add a comma after the weekday). */
  function longDateTime(d) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return WEEKDAYS[d.getDay()] + " " + d.getDate() + " " + MONTHS[d.getMonth()] + " " +
      d.getFullYear() + " at " + two(d.getHours()) + ":" + two(d.getMinutes());
  }

  /* The printed record: when, which rules, the link, and every question
     shown with its answer (the results follow it on paper). */
  CheckerPage.prototype.prepareRecord = function () {
    var meta = this.record.querySelector(".tc-record-meta");
    var list = this.record.querySelector(".tc-record-answers");
    var now = new Date();
    meta.textContent = "";
    list.textContent = "";
    this.writeFragment();
    [["Checked on", longDateTime(now)],
     ["Rules version", this.rulesVersion],
     ["Checked with", "Threshold, " + location.origin + location.pathname],
     ["Link to these answers", location.href]].forEach(function (pair) {
      meta.appendChild(element("dt", null, pair[0]));
      meta.appendChild(element("dd", null, pair[1]));
    });
    var page = this;
    this.questions.forEach(function (fieldset) {
      if (fieldset.hidden) return;
      list.appendChild(element("dt", null, fieldset.querySelector("legend").textContent));
      list.appendChild(element("dd", null, page.answerWords(fieldset)));
    });
    Array.prototype.forEach.call(this.results.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      details.dataset.openedForPrint = "1";
    });
  };

  CheckerPage.prototype.afterPrint = function () {
    Array.prototype.forEach.call(this.results.querySelectorAll("details[data-opened-for-print]"), function (details) {
      details.open = false;
      delete details.dataset.openedForPrint;
    });
  };

  CheckerPage.prototype.answerWords = function (fieldset) {
    var value = this.readQuestion(fieldset);
    if (value === undefined) return "Don't know";
    var type = fieldset.dataset.type;
    if (type === "yesno") return value ? "Yes" : "No";
    if (type === "choice" || type === "multi") {
      return Array.prototype.filter.call(fieldset.querySelectorAll("input:checked"), function (box) {
        return box.value !== "unknown";
      }).map(function (box) { return box.parentNode.textContent.trim(); }).join("; ");
    }
    return type === "moment" ? value.replace("T", " at ") + " (UK time)" : String(value);
  };

  CheckerPage.prototype.link = function (cite, text) {
    var a = element("a", null, text);
    a.href = new URL(cite.page, this.siteRoot).href;
    return a;
  };

  CheckerPage.prototype.frameworkResult = function (framework, display) {
    var page = this;
    var article = element("article", "tc-framework tc-status-" + framework.status);
    article.dataset.framework = framework.id;
    article.dataset.status = framework.status;
    article.dataset.current = String(framework.current);
    article.appendChild(element("h3", null, framework.title));
    if (!framework.current) {
      var historic = element("p", "tc-historic");
      historic.appendChild(element("strong", null, "Historic procedure, not today's duty. "));
      historic.appendChild(document.createTextNode(framework.current_note));
      article.appendChild(historic);
    }
    article.appendChild(element("p", "tc-status", display.status));
    if (framework.note) article.appendChild(element("p", "tc-note", framework.note));

    if (framework.obligations.length) {
      var list = element("ul", "tc-obligations");
      framework.obligations.forEach(function (obligation) {
        var item = element("li", null, display.obligations[obligation.id] + " ");
        item.dataset.obligation = obligation.id;
        item.dataset.strength = obligation.strength;
        if (obligation.due) item.dataset.due = obligation.due;
        item.appendChild(page.link(obligation.cite, "Source"));
        if (obligation.note) item.appendChild(element("span", "tc-note", " Reading taken: " + obligation.note));
        list.appendChild(item);
      });
      article.appendChild(list);
    }

    if (framework.missing.length) article.appendChild(this.missingList(framework.missing));
    article.appendChild(this.reasonsDetails(framework.reasons));
    return article;
  };

  CheckerPage.prototype.testResult = function (result) {
    var article = element("article", "tc-framework tc-holds-" + String(result.holds));
    article.dataset.test = result.id;
    article.dataset.holds = String(result.holds);
    article.appendChild(element("p", "tc-status", result.outcome));
    if (result.missing.length) article.appendChild(this.missingList(result.missing));
    article.appendChild(this.reasonsDetails(result.reasons));
    return article;
  };

  /* "Still unknown: ..." with a link back to each question. */
  CheckerPage.prototype.missingList = function (ids) {
    var page = this;
    var missing = element("p", "tc-missing", "Still unknown: ");
    ids.forEach(function (id, index) {
      var fieldset = page.root.querySelector('[data-question="' + id + '"]');
      var a = element("a", null, fieldset ? fieldset.querySelector("legend").textContent : id);
      a.href = "#q-" + id;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        if (fieldset) { fieldset.scrollIntoView(); var first = fieldset.querySelector("input"); if (first) first.focus(); }
      });
      if (index) missing.appendChild(document.createTextNode("; "));
      missing.appendChild(a);
    });
    return missing;
  };

  /* The criteria met, not met and unknown, each with its quoted sentence. */
  CheckerPage.prototype.reasonsDetails = function (reasonsList) {
    var page = this;
    var details = element("details", "tc-reasons");
    details.appendChild(element("summary", null, "Why: the criteria and the sentences they rest on"));
    var reasons = element("ul");
    reasonsList.forEach(function (reason) {
      var mark = reason.met === true ? "Met" : reason.met === false ? "Not met" : "Unknown";
      var item = element("li", "tc-met-" + String(reason.met));
      item.appendChild(element("strong", null, mark + ": "));
      item.appendChild(document.createTextNode(reason.text + " "));
      item.appendChild(element("q", null, reason.cite.quote));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(page.link(reason.cite, "Read in context"));
      if (reason.note) item.appendChild(element("span", "tc-note", " Reading taken: " + reason.note));
      reasons.appendChild(item);
    });
    details.appendChild(reasons);
    return details;
  };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* ---- wiring: every page load, including instant navigation ---- */

  // Printing from the browser menu gets the same record as the button.
  window.addEventListener("beforeprint", function () { if (runtime.page) runtime.page.prepareRecord(); });
  window.addEventListener("afterprint", function () { if (runtime.page) runtime.page.afterPrint(); });

  function onPage() {
    var root = document.querySelector("[data-checker]");
    runtime.page = null;
    if (!root) return;
    startWorker(root);
    runtime.page = new CheckerPage(root);
    runtime.page.start();
  }

  // A checker page opened directly is already parsed when this script runs:
  // start Python now, not after the scripts that follow and DOMContentLoaded
  // (when Material's document$ first fires). The worker is shared, so this
  // only starts it earlier.
  var parsed = document.querySelector("[data-checker]");
  if (parsed) startWorker(parsed);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
