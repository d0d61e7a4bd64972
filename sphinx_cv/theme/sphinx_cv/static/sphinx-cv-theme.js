/* sphinx_cv theme: the light/dark toggle (remembered in localStorage) and the phone menu.
   The page works without it: the toggle and the menu button only show with JavaScript. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "sphinx-cv-mode";
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  var toggles = document.querySelectorAll(".cv-mode-toggle");

  function dark() {
    var mode = root.getAttribute("data-theme");
    return mode ? mode === "dark" : system.matches;
  }
  function sync() {
    var on = dark();
    toggles.forEach(function (button) {
      button.setAttribute("aria-pressed", String(on));
      button.title = on ? "Switch to light mode" : "Switch to dark mode";
    });
  }
  toggles.forEach(function (button) {
    button.addEventListener("click", function () {
      var mode = dark() ? "light" : "dark";
      root.setAttribute("data-theme", mode);
      try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode: not kept */ }
      sync();
    });
  });
  if (system.addEventListener) { system.addEventListener("change", sync); }
  sync();

  var nav = document.querySelector(".cv-nav");
  var menu = nav && nav.querySelector(".cv-nav-toggle");
  if (!menu) { return; }
  function open(state) {
    menu.setAttribute("aria-expanded", String(state));
    nav.classList.toggle("cv-nav-open", state);
  }
  menu.addEventListener("click", function () {
    open(menu.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("cv-nav-open")) {
      open(false);
      menu.focus();
    }
  });
})();
