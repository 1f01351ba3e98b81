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
      if (msg.all || here(msg.pages)) { reload(); return; }
      if (msg.css.length) refreshCss(msg.css);
    }
  };
})();
