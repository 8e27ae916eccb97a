// Podium theme toggle — a progressive enhancement (the page is complete without it).
// Loaded synchronously in <head> so a remembered theme applies before first paint.
// Sets data-theme="light"|"dark" on <html>; global.css reads it. No choice stored → follow the OS.
(function () {
  "use strict";
  var KEY = "podium-theme";
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function read() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : null;
    } catch (e) {
      return null; // storage blocked (privacy mode, file://): just follow the OS
    }
  }
  function write(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (e) {
      /* not remembered; still applied for this page */
    }
  }
  function effective() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "light" || chosen === "dark") return chosen;
    return media && media.matches ? "dark" : "light";
  }

  var stored = read();
  if (stored) root.setAttribute("data-theme", stored);

  function setUp() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var sync = function () {
      button.setAttribute("aria-pressed", effective() === "dark" ? "true" : "false");
    };
    sync();
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = effective() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      write(next);
      sync();
    });
    if (media && media.addEventListener) media.addEventListener("change", sync);
  }

  // Printing: show the numbers behind every chart, then restore.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll(".figure details:not([open])");
    for (var i = 0; i < all.length; i++) {
      all[i].open = true;
      opened.push(all[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) opened.pop().open = false;
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
