// folio serve: live reload and error overlay. Injected only by `folio serve`, never into built sites.
(function () {
  'use strict';
  var key = 'folio-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === 'complete') restore(); else window.addEventListener('load', restore);
  }

  function here(paths) {
    var p = location.pathname;
    return paths.some(function (x) { return x === p || x === p + 'index.html' || x + 'index.html' === p; });
  }

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  // What a page shares with the next version of itself for its <main> to be swapped in place:
  // its stylesheets and scripts, its header and footer. Anything else reloads the page.
  function frame(doc) {
    var parts = [];
    // Addresses and text only: the theme's script changes attributes (a stylesheet's media,
    // a toggle's aria-pressed) that the server's copy does not have.
    var assets = doc.querySelectorAll('link[rel="stylesheet"], script[src]');
    for (var i = 0; i < assets.length; i++) parts.push(assets[i].getAttribute('href') || assets[i].getAttribute('src'));
    ['body > header', 'body > footer'].forEach(function (selector) {
      var element = doc.querySelector(selector);
      if (!element) { parts.push(''); return; }
      parts.push(element.textContent.replace(/\s+/g, ' '));
      var links = element.querySelectorAll('a[href]');
      for (var j = 0; j < links.length; j++) parts.push(links[j].getAttribute('href'));
    });
    return parts.join('\n');
  }

  // The page's new version: its <main> is put in place of the old one, which is faster than a
  // reload (no navigation, nothing fetched again but the page) and keeps the scroll position.
  // A page whose frame changed, or whose new <main> holds scripts, is reloaded instead.
  function update() {
    fetch(location.href, { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html');
        var main = document.querySelector('main');
        var fresh = next.querySelector('main');
        if (!main || !fresh || fresh.querySelector('script') || main.querySelector('script') ||
            frame(next) !== frame(document)) {
          reload();
          return;
        }
        document.title = next.title;
        main.replaceWith(document.adoptNode(fresh));
        document.dispatchEvent(new CustomEvent('folio:updated'));
      })
      .catch(reload);
  }

  function refreshCss(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      if (paths.indexOf(url.pathname) >= 0) {
        url.searchParams.set('folio-reload', String(Date.now()));
        links[i].href = url.toString();
      }
    }
  }

  function overlay(message) {
    var box = document.getElementById('folio-error-overlay');
    if (!message) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'folio-error-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;' +
        'background:rgba(20,20,24,.96);color:#fff;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;';
      var title = document.createElement('h2');
      title.textContent = 'folio: the last change did not build';
      title.style.cssText = 'color:#ff8a80;font:600 18px/1.3 system-ui,sans-serif;margin:0 0 1rem';
      var pre = document.createElement('pre');
      pre.id = 'folio-error-message';
      pre.style.cssText = 'white-space:pre-wrap;margin:0';
      var note = document.createElement('p');
      note.textContent = 'The preview keeps showing the last good build. Fix the file and save: this box goes away by itself.';
      note.style.cssText = 'color:#ccc;font:14px/1.5 system-ui,sans-serif';
      box.appendChild(title); box.appendChild(pre); box.appendChild(note);
      document.body.appendChild(box);
    }
    document.getElementById('folio-error-message').textContent = message;
  }

  var source = new EventSource('/__folio/events');
  source.onmessage = function (e) {
    var msg = JSON.parse(e.data);
    if (msg.type === 'error') { overlay(msg.message); return; }
    if (msg.type === 'built') {
      overlay(null);
      if (msg.all) { reload(); return; }
      if (here(msg.pages)) { update(); return; }
      if (msg.css.length) refreshCss(msg.css);
    }
  };
})();
