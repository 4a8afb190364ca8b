// buildbook serve: reloads the page when the site has been rebuilt, and
// shows the errors of a build that failed over the last good page. It is
// served only by `buildbook serve`, never written into a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var site = script.dataset.site;
  var panel = null;

  function stylesheet() {
    if (document.querySelector('link[href^="/__buildbook/reload.css"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/__buildbook/reload.css?v=" + new URL(script.src).searchParams.get("v");
    document.head.appendChild(link);
  }

  function show(errors) {
    if (document.body.classList.contains("bb-error-page")) return; // it lists them
    stylesheet();
    if (!panel) {
      panel = document.createElement("section");
      panel.className = "bb-errors";
      panel.setAttribute("role", "alert");
      panel.setAttribute("aria-labelledby", "bb-errors-title");
      document.body.appendChild(panel);
    }
    panel.textContent = "";
    var title = document.createElement("h2");
    title.id = "bb-errors-title";
    title.textContent = "The build failed: this page is the last good one";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", function () { panel.hidden = true; });
    var list = document.createElement("ul");
    errors.forEach(function (e) {
      var item = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = e;
      item.appendChild(code);
      list.appendChild(item);
    });
    var note = document.createElement("p");
    note.textContent = "Fix the content and save: the page reloads when the site builds again.";
    panel.append(title, close, list, note);
    panel.hidden = false;
  }

  function hide() {
    if (panel) panel.hidden = true;
  }

  var first = true;
  var events = new EventSource("/__buildbook/events");
  events.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    // For tests and curious authors: the last state the server told.
    document.documentElement.dataset.buildbookState = state.errors.length ? "failed" : "built";
    var errorPage = document.body.classList.contains("bb-error-page");
    if ((state.site !== site && !/-0$/.test(state.site)) || (errorPage && !first)) {
      location.reload();
      return;
    }
    first = false;
    if (state.errors.length) show(state.errors); else hide();
  });
})();
