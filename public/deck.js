// Podium all-hands deck — a progressive enhancement of /present/ (the slides read as a list without it).
// A classic script (no modules, no fetch) so the deck also works opened straight from the built files (file://).
// Keys: → ↓ PageDown Space next · ← ↑ PageUp Shift+Space previous · Home/End first/last · F full screen · N notes.
// The hash names the slide (#3); ?autoplay=SECONDS advances on a timer and loops (an office TV).
(function () {
  "use strict";
  var root = document.documentElement;

  function start() {
    var slides = Array.prototype.slice.call(document.querySelectorAll(".deck .slide"));
    if (slides.length === 0) return;
    root.classList.add("deck-js");
    var total = slides.length;
    var current = 0;
    var status = document.getElementById("deck-status");
    var progress = document.getElementById("deck-progress");
    var notesButton = document.querySelector('[data-deck="notes"]');

    function fromHash() {
      var n = parseInt(String(location.hash).replace(/^#/, ""), 10);
      return isFinite(n) && n >= 1 && n <= total ? n - 1 : null;
    }

    function writeHash(n) {
      var hash = "#" + (n + 1);
      if (location.hash === hash) return;
      try {
        history.replaceState(null, "", hash);
      } catch (e) {
        location.hash = hash; // some file:// contexts refuse replaceState
      }
    }

    function show(n) {
      n = Math.max(0, Math.min(total - 1, n));
      slides[current].classList.remove("is-current");
      slides[current].removeAttribute("aria-current");
      current = n;
      slides[current].classList.add("is-current");
      slides[current].setAttribute("aria-current", "true");
      writeHash(current);
      if (status) status.textContent = current + 1 + " / " + total;
      if (progress) progress.style.width = ((current + 1) / total) * 100 + "%";
    }

    // Autoplay: ?autoplay=SECONDS, looping back to the first slide after the last.
    var seconds = parseFloat(new URLSearchParams(location.search).get("autoplay") || "");
    var timer = null;
    function schedule() {
      if (!(seconds > 0)) return;
      if (timer) clearInterval(timer);
      timer = setInterval(function () {
        show(current + 1 >= total ? 0 : current + 1);
      }, Math.max(0.5, seconds) * 1000);
    }

    function go(n) {
      show(n);
      schedule(); // a manual move restarts the countdown
    }

    function toggleNotes() {
      var on = root.classList.toggle("show-notes");
      if (notesButton) notesButton.setAttribute("aria-pressed", on ? "true" : "false");
    }

    function toggleFullScreen() {
      try {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (root.requestFullscreen) root.requestFullscreen();
      } catch (e) {
        /* not allowed here (e.g. an iframe): the deck still fills the window */
      }
    }

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      var key = event.key;
      var handled = true;
      if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || (key === " " && !event.shiftKey) || key === "Spacebar") go(current + 1);
      else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" || (key === " " && event.shiftKey)) go(current - 1);
      else if (key === "Home") go(0);
      else if (key === "End") go(total - 1);
      else if (key === "f" || key === "F") toggleFullScreen();
      else if (key === "n" || key === "N") toggleNotes();
      else handled = false;
      if (handled) event.preventDefault();
    });

    window.addEventListener("hashchange", function () {
      var n = fromHash();
      if (n !== null && n !== current) go(n);
    });

    var bar = document.getElementById("deck-bar");
    if (bar) {
      bar.addEventListener("click", function (event) {
        var button = event.target && event.target.closest ? event.target.closest("button[data-deck]") : null;
        if (!button) return;
        var action = button.getAttribute("data-deck");
        if (action === "prev") go(current - 1);
        else if (action === "next") go(current + 1);
        else if (action === "notes") toggleNotes();
        else if (action === "full") toggleFullScreen();
      });
    }

    var initial = fromHash();
    current = initial === null ? 0 : initial;
    slides[current].classList.add("is-current");
    show(current);
    schedule();
    root.setAttribute("data-deck-ready", "true");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
