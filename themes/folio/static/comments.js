/*
 * folio — the comments hook (docs/comments.md).
 *
 * The page holds no inline script, so a strict Content-Security-Policy works: each
 * `[data-comments-embed]` element carries its provider's settings as data attributes, written by
 * the templates in comments/ (escaped by the template engine). This file builds the provider's
 * elements from them:
 *   data-script-NAME   → attribute NAME of the provider's <script> (data-script-src → src)
 *   data-target        → tag of an element the provider renders into, created first
 *   data-target-NAME   → attribute NAME of that element
 *   data-theme-on / -attr / -light / -dark → where the light or dark theme name goes
 * and loads it when asked by data-load: "eager" (at once), "lazy" (when scrolled near) or
 * "click" (on the "Show comments" button; nothing third-party is requested before).
 * Afterwards it keeps the widget in step with the site's light/dark mode.
 */
(function () {
  'use strict';

  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  /* The mode folio.js applies: an explicit choice on <html data-theme>, else the system's. */
  function mode() {
    var chosen = root.getAttribute('data-theme');
    if (chosen === 'light' || chosen === 'dark') {
      return chosen;
    }
    return media && media.matches ? 'dark' : 'light';
  }

  function themeName(embed) {
    return embed.getAttribute('data-theme-' + mode()) || mode();
  }

  /* Attributes of `embed` starting with `prefix`, as [name, value] pairs without the prefix. */
  function prefixed(embed, prefix) {
    var out = [];
    for (var i = 0; i < embed.attributes.length; i++) {
      var a = embed.attributes[i];
      if (a.name.indexOf(prefix) === 0 && a.name.length > prefix.length) {
        out.push([a.name.slice(prefix.length), a.value]);
      }
    }
    return out;
  }

  function data(embed, name) {
    return embed.getAttribute('data-' + name) || '';
  }

  /* Settings some providers read from a global variable rather than from attributes. */
  var globals = {
    disqus: function (embed) {
      var url = data(embed, 'page-url');
      var identifier = data(embed, 'page-identifier');
      var title = data(embed, 'page-title');
      window.disqus_config = function () {
        this.page.url = url;
        this.page.identifier = identifier;
        this.page.title = title;
      };
    },
    remark42: function (embed) {
      window.remark_config = {
        host: data(embed, 'remark-host'),
        site_id: data(embed, 'remark-site-id'),
        url: data(embed, 'remark-url'),
        theme: mode(),
        components: ['embed']
      };
    }
  };

  function load(embed) {
    if (embed.getAttribute('data-comments-state') === 'loaded') {
      return;
    }
    embed.setAttribute('data-comments-state', 'loaded');
    var frame = embed.querySelector('[data-comments-frame]') || embed;
    var provider = embed.getAttribute('data-provider');
    var themeOn = embed.getAttribute('data-theme-on');
    var themeAttr = embed.getAttribute('data-theme-attr');
    if (globals[provider]) {
      globals[provider](embed);
    }
    var tag = embed.getAttribute('data-target');
    if (tag) {
      var target = document.createElement(tag);
      prefixed(embed, 'data-target-').forEach(function (pair) {
        target.setAttribute(pair[0], pair[1]);
      });
      if (themeOn === 'target' && themeAttr) {
        target.setAttribute(themeAttr, themeName(embed));
      }
      frame.appendChild(target);
    }
    var script = document.createElement('script');
    prefixed(embed, 'data-script-').forEach(function (pair) {
      script.setAttribute(pair[0], pair[1]);
    });
    if (themeOn === 'script' && themeAttr) {
      script.setAttribute(themeAttr, themeName(embed));
    }
    if (provider === 'disqus') {
      script.setAttribute('data-timestamp', String(+new Date()));
    }
    script.async = true;
    frame.appendChild(script);
    var consent = embed.querySelector('[data-comments-consent]');
    if (consent) {
      consent.hidden = true;
    }
  }

  function post(selector, origin, message) {
    var frames = document.querySelectorAll(selector);
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow) {
        frames[i].contentWindow.postMessage(message, origin);
      }
    }
  }

  /* Tells each loaded widget about the current mode, through its own documented API. */
  function syncTheme() {
    var embeds = document.querySelectorAll('[data-comments-embed][data-comments-state="loaded"]');
    for (var i = 0; i < embeds.length; i++) {
      var embed = embeds[i];
      var theme = themeName(embed);
      switch (embed.getAttribute('data-provider')) {
        case 'giscus':
          post('iframe.giscus-frame', 'https://giscus.app', { giscus: { setConfig: { theme: theme } } });
          break;
        case 'utterances':
          post('iframe.utterances-frame', 'https://utteranc.es', { type: 'set-theme', theme: theme });
          break;
        case 'cusdis':
          if (window.CUSDIS && window.CUSDIS.setTheme) {
            window.CUSDIS.setTheme(theme);
          }
          break;
        case 'remark42':
          if (window.REMARK42 && window.REMARK42.changeTheme) {
            window.REMARK42.changeTheme(theme);
          }
          break;
        case 'hyvor':
          var talk = embed.querySelector('hyvor-talk-comments');
          if (talk) {
            talk.setAttribute('colors', theme);
          }
          break;
        case 'disqus':
          // Disqus picks its colours from the page when it loads; reloading it re-reads them.
          if (window.DISQUS && window.DISQUS.reset) {
            window.DISQUS.reset({ reload: true });
          }
          break;
      }
    }
  }

  function lazy(embed) {
    if (!('IntersectionObserver' in window)) {
      return load(embed);
    }
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) {
          observer.disconnect();
          load(embed);
        }
      }
    }, { rootMargin: '600px 0px' });
    observer.observe(embed);
  }

  function init() {
    var embeds = document.querySelectorAll('[data-comments-embed]');
    for (var i = 0; i < embeds.length; i++) {
      var embed = embeds[i];
      var how = embed.getAttribute('data-load');
      if (how === 'eager') {
        load(embed);
      } else if (how === 'lazy') {
        lazy(embed);
      } else {
        var consent = embed.querySelector('[data-comments-consent]');
        var button = embed.querySelector('[data-comments-button]');
        if (consent && button) {
          consent.hidden = false;
          button.addEventListener('click', load.bind(null, embed));
        }
      }
    }
    if (embeds.length && window.MutationObserver) {
      new MutationObserver(syncTheme).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    }
    if (embeds.length && media) {
      if (media.addEventListener) {
        media.addEventListener('change', syncTheme);
      } else if (media.addListener) {
        media.addListener(syncTheme);
      }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
