/*
 * folio — theme toggle.
 *
 * Loaded (blocking, it is tiny) from <head> so a saved choice is applied before first paint.
 * Without JavaScript the toggle stays hidden and the page follows prefers-color-scheme.
 * The choice is stored in localStorage under "folio-theme" ("light" | "dark").
 * Also: the "/" key focuses the site's search box, where there is one.
 */
(function () {
  'use strict';

  var KEY = 'folio-theme';
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === 'light' || value === 'dark' ? value : null;
    } catch (e) {
      return null; // storage disabled (privacy mode, file://, etc.)
    }
  }

  function remember(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (e) {
      /* the choice then lasts for this page only */
    }
  }

  function current() {
    var chosen = root.getAttribute('data-theme');
    if (chosen === 'light' || chosen === 'dark') {
      return chosen;
    }
    return media && media.matches ? 'dark' : 'light';
  }

  // The syntax stylesheets are switched by their media attribute; follow an explicit choice.
  function syncSyntax(choice) {
    var light = document.querySelector('link[data-syntax="light"]');
    var dark = document.querySelector('link[data-syntax="dark"]');
    if (!light || !dark) {
      return;
    }
    if (choice === 'dark') {
      light.media = 'print';
      dark.media = 'screen';
    } else if (choice === 'light') {
      light.media = 'all';
      dark.media = 'not all';
    }
  }

  function apply(choice) {
    if (choice) {
      root.setAttribute('data-theme', choice);
    }
    // Also honours a data-theme hard-coded in a site's own base template.
    syncSyntax(root.getAttribute('data-theme'));
  }

  // Before first paint.
  apply(stored());

  var buttons = [];

  function updateButtons() {
    var pressed = current() === 'dark' ? 'true' : 'false';
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', pressed);
    }
  }

  function toggle() {
    var next = current() === 'dark' ? 'light' : 'dark';
    apply(next);
    remember(next);
    updateButtons();
  }

  function init() {
    var found = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < found.length; i++) {
      buttons.push(found[i]);
      found[i].addEventListener('click', toggle);
      found[i].hidden = false;
    }
    updateButtons();
  }

  if (media) {
    if (media.addEventListener) {
      media.addEventListener('change', updateButtons);
    } else if (media.addListener) {
      media.addListener(updateButtons);
    }
  }

  // Keep several open tabs in step.
  window.addEventListener('storage', function (event) {
    if (event.key === KEY) {
      apply(stored());
      updateButtons();
    }
  });

  // "/" focuses the search box (the header's, or the search page's), unless the reader is typing.
  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var box = document.querySelector('[data-search-shortcut]');
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
