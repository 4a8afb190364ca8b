// buildbook's submit form (public/submit/): it checks what `buildbook check`
// checks, in the reader's browser, and writes the case study's Markdown
// file, to copy, download or open as a new file on GitHub. Nothing is sent
// anywhere. The form is made from taxonomies.yaml by the build.
"use strict";

(function () {
  var form = document.getElementById("submit-form");
  if (!form) return;
  var maxSummary = parseInt(form.getAttribute("data-max-summary"), 10) || 400;
  var maxKeyword = parseInt(form.getAttribute("data-max-keyword"), 10) || 60;
  var newFile = form.getAttribute("data-new-file") || "";
  var summaryBox = document.getElementById("f-summary");
  var summaryCount = document.getElementById("f-summary-count");
  var errorBox = document.getElementById("submit-errors");
  var result = document.getElementById("submit-result");
  var output = document.getElementById("submit-output");
  var download = document.getElementById("submit-download");
  var downloadURL = "";

  // slugify makes the file name from the title exactly as buildbook's
  // content.Slugify does: accents dropped, apostrophes removed, any other
  // run of characters but ASCII letters and digits a single hyphen.
  function slugify(s) {
    var out = "";
    var hyphen = false;
    var text = s.normalize("NFKD");
    for (var i = 0; i < text.length; ) {
      var cp = text.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      i += ch.length;
      if (/\p{Mn}/u.test(ch) || ch === "'" || ch === "\u2019") continue;
      if (/[A-Za-z0-9]/.test(ch)) {
        if (hyphen && out.length > 0) out += "-";
        hyphen = false;
        out += ch.toLowerCase();
      } else {
        hyphen = true;
      }
    }
    return out;
  }
  window.buildbookSlugify = slugify; // for the tests, which compare it with Go's

  // chars counts characters as check does: Unicode code points, with white
  // space runs collapsed to one space.
  function collapse(s) { return s.trim().split(/\s+/).filter(Boolean).join(" "); }
  function chars(s) { return Array.from(collapse(s)).length; }

  function updateCount() {
    var n = chars(summaryBox.value);
    var left = maxSummary - n;
    summaryCount.textContent = left >= 0
      ? left + (left === 1 ? " character" : " characters") + " left"
      : -left + (left === -1 ? " character" : " characters") + " too many: cut " + (-left === 1 ? "one" : -left);
    summaryCount.classList.toggle("over", left < 0);
  }
  summaryBox.addEventListener("input", updateCount);
  updateCount();

  var dateBox = document.getElementById("f-date");
  if (!dateBox.value) {
    var d = new Date();
    dateBox.value = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  document.getElementById("add-author").addEventListener("click", function () {
    var list = form.querySelector(".author-list");
    var item = list.firstElementChild.cloneNode(true);
    item.querySelectorAll("input").forEach(function (i) { i.value = ""; });
    list.appendChild(item);
    item.querySelector("input").focus();
  });

  // yaml writes a value as a YAML double-quoted scalar: JSON's string
  // syntax is a subset of it.
  function yaml(s) { return JSON.stringify(s); }

  function realDay(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  var rawHTML = /<\/?[A-Za-z][^>]*>|<!--/;
  var unsafeLink = /\]\(\s*(javascript|vbscript|data):/i;
  var markdownInText = /\*\*|__|\[[^\]]*\]\(|`|(^|\s)[*_][^*_\s][^*_]*[*_](\s|[.,;:!?]|$)|^\s*#|^\s*[-+*]\s/;
  var curlyWrapped = /^[\u201c\u2018\u00ab"'].*[\u201d\u2019\u00bb"']$/;

  // check returns the problems of the form, each with the field it is
  // about, in the order of the form, and the file when there are none.
  function check() {
    var problems = [];
    function problem(id, text) { problems.push({ id: id, text: text }); }
    var v = function (id) { return collapse(document.getElementById(id).value); };

    var title = v("f-title");
    if (!title) problem("f-title", "Write the title of your case study.");
    else if (curlyWrapped.test(title)) problem("f-title", "Take the quotation marks off the title: they would be printed as part of it.");
    else if (!slugify(title)) problem("f-title", "The title needs letters or digits: the file is named after it.");
    var school = v("f-school");
    if (!school) problem("f-school", "Write the name of your school.");

    var authors = [];
    form.querySelectorAll(".author").forEach(function (li) {
      var name = collapse(li.querySelector("[name=author-name]").value);
      var role = collapse(li.querySelector("[name=author-role]").value);
      if (name) authors.push({ name: name, role: role });
      else if (role) problem("f-authors", "Write the name of the author whose role is " + role + ".");
    });
    if (authors.length === 0) problem("f-authors", "Write the name of at least one author.");
    authors.forEach(function (a) {
      if (/\s(and|&)\s|\(/.test(a.name)) problem("f-authors", "Write one person in each name box (\u201c" + a.name + "\u201d looks like several, or a role): add another author for the next person, and put roles in the role box.");
    });

    var date = document.getElementById("f-date").value;
    if (!date) problem("f-date", "Choose the date you finished writing.");
    else if (!realDay(date)) problem("f-date", "The date must be a real day, written as YYYY-MM-DD.");

    var summary = v("f-summary");
    var n = chars(summary);
    if (!summary) problem("f-summary", "Write a summary: one paragraph on what changed and why it matters.");
    else if (n > maxSummary) problem("f-summary", "The summary is " + n + " characters long: cut " + (n - maxSummary) + " to bring it to " + maxSummary + ".");
    else if (markdownInText.test(summary) || rawHTML.test(summary)) problem("f-summary", "Write the summary as plain text: asterisks, underscores, links and web code are shown as they are in lists and search results.");

    var keywords = [];
    var seen = {};
    document.getElementById("f-keywords").value.split(/[,;\n]/).forEach(function (k) {
      k = collapse(k);
      if (!k) return;
      if (Array.from(k).length > maxKeyword) { problem("f-keywords", "The keyword \u201c" + k + "\u201d is longer than " + maxKeyword + " characters: a keyword is a word or a short phrase."); return; }
      if (seen[k.toLowerCase()]) return;
      seen[k.toLowerCase()] = true;
      keywords.push(k);
    });

    var terms = [];
    form.querySelectorAll("fieldset[data-taxonomy]").forEach(function (fs) {
      var ids = [];
      fs.querySelectorAll("input:checked").forEach(function (i) { if (i.value) ids.push(i.value); });
      var title = fs.getAttribute("data-title");
      if (fs.hasAttribute("data-required") && ids.length === 0) {
        problem(fs.id, fs.hasAttribute("data-multiple") ? "Choose at least one of " + title + "." : "Choose one of " + title + ".");
      }
      terms.push({ id: fs.getAttribute("data-taxonomy"), multiple: fs.hasAttribute("data-multiple"), ids: ids });
    });

    var sections = [];
    form.querySelectorAll("textarea[name=section]").forEach(function (ta) {
      var text = ta.value.replace(/\r\n?/g, "\n").replace(/\s+$/, "").replace(/^\s*\n/, "");
      var heading = ta.getAttribute("data-heading");
      if (!collapse(text)) problem(ta.id, "Write something under \u201c" + heading + "\u201d.");
      else if (rawHTML.test(text)) problem(ta.id, "Take the web code (HTML) out of \u201c" + heading + "\u201d: it is not published. Use Markdown instead, such as **bold**.");
      else if (unsafeLink.test(text)) problem(ta.id, "A link in \u201c" + heading + "\u201d starts with javascript:, vbscript: or data:, which is not published: link to a web address instead.");
      else if (/^\u2022\t|^\u2022 /m.test(text)) problem(ta.id, "Start each item of a list with a hyphen and a space (\u201c- \u201d) instead of \u201c\u2022\u201d, so that it prints as a list.");
      else if (/^#{1,6}[^#\s]/m.test(text)) problem(ta.id, "Put a space after the # of a heading in \u201c" + heading + "\u201d (\u201c### Results\u201d), or it prints as text.");
      sections.push({ heading: heading, text: text });
    });

    if (problems.length) return { problems: problems };

    var lines = ["---", "title: " + yaml(title), "school: " + yaml(school)];
    var partners = document.getElementById("f-partners").value.split("\n").map(collapse).filter(Boolean);
    if (partners.length) lines.push("partners: [" + partners.map(yaml).join(", ") + "]");
    lines.push("authors:");
    authors.forEach(function (a) {
      lines.push("  - name: " + yaml(a.name));
      if (a.role) lines.push("    role: " + yaml(a.role));
    });
    lines.push("date: " + date);
    var region = v("f-region");
    if (region) lines.push("region: " + yaml(region));
    var cohort = v("f-cohort");
    if (cohort) lines.push("cohort: " + yaml(cohort));
    lines.push("summary: " + yaml(summary));
    terms.forEach(function (t) {
      if (t.ids.length === 0) return;
      lines.push(t.id + ": " + (t.multiple ? "[" + t.ids.join(", ") + "]" : t.ids[0]));
    });
    if (keywords.length) lines.push("keywords: [" + keywords.map(yaml).join(", ") + "]");
    lines.push("---", "");
    sections.forEach(function (s) { lines.push("## " + s.heading, "", s.text, ""); });
    return { slug: slugify(title), text: lines.join("\n") };
  }

  function clearErrors() {
    form.querySelectorAll(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    errorBox.hidden = true;
  }

  function showErrors(problems) {
    var list = errorBox.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + p.id;
      a.textContent = p.text;
      li.appendChild(a);
      list.appendChild(li);
      var err = document.getElementById(p.id + "-error");
      if (err) {
        err.textContent = err.textContent ? err.textContent + " " + p.text : p.text;
        err.hidden = false;
      }
      var field = document.getElementById(p.id);
      if (field) field.setAttribute("aria-invalid", "true");
    });
    errorBox.hidden = false;
    result.hidden = true;
    errorBox.focus();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearErrors();
    var r = check();
    if (r.problems) { showErrors(r.problems); return; }
    var name = r.slug + ".md";
    output.value = r.text;
    document.getElementById("submit-filename").textContent = name;
    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = URL.createObjectURL(new Blob([r.text], { type: "text/markdown;charset=utf-8" }));
    download.href = downloadURL;
    download.setAttribute("download", name);
    var gh = document.getElementById("submit-github");
    if (gh && newFile) {
      gh.href = newFile + "?filename=" + encodeURIComponent("content/case-studies/" + name) + "&value=" + encodeURIComponent(r.text);
    }
    document.getElementById("submit-copied").textContent = "";
    result.hidden = false;
    document.getElementById("submit-result-title").focus();
  });

  // Clicking a problem in the summary moves to its field.
  errorBox.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (!a) return;
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) return;
    e.preventDefault();
    target.scrollIntoView({ block: "center" });
    var focusable = target.matches("input, textarea") ? target : target.querySelector("input, textarea");
    if (focusable) focusable.focus();
  });

  document.getElementById("submit-copy").addEventListener("click", function () {
    var said = document.getElementById("submit-copied");
    function done() { said.textContent = "Copied."; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(output.value).then(done, function () { output.select(); said.textContent = "Select the text and copy it (Ctrl+C, or \u2318C on a Mac)."; });
    } else {
      output.select();
      said.textContent = document.execCommand && document.execCommand("copy") ? "Copied." : "Select the text and copy it (Ctrl+C, or \u2318C on a Mac).";
    }
  });
})();
