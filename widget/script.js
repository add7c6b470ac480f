// Kommo Leads Browser widget: shows the dashboard in an iframe (its own page under advanced_settings,
// a large modal from the leads list) and answers the dashboard's API requests same-origin, with the
// signed-in user's session. Plain ES5 + AMD because Kommo loads it as is, without a build step.
//
// Protocol (the iframe side lives in src/lib/bridge/bridge-protocol.ts):
//   iframe -> page  {type:'klb:hello', version}          page -> iframe  {type:'klb:context', version, account, user, lang}
//   iframe -> page  {type:'klb:request', id, path, query} page -> iframe  {type:'klb:response', id, status, headers, body}
//                                                          or            {type:'klb:error', id, reason:'forbidden'|'network'}
//   iframe -> page  {type:'klb:cancel', id}
// A message counts only when event.origin is the dashboard URL's origin AND event.source is this
// widget's own iframe; every answer names that origin explicitly, never '*'.
/* global define, window, document, URL, fetch, AbortController */
define(['jquery'], function ($) {
  'use strict';

  // Same list as src/kommo/api-paths.ts (a unit test checks both are identical). GET only.
  // ALLOWED_API_PATHS:BEGIN
  var ALLOWED_API_PATHS = [
    /^\/api\/v4\/account$/,
    /^\/api\/v4\/leads$/,
    /^\/api\/v4\/leads\/pipelines$/,
    /^\/api\/v4\/leads\/custom_fields$/,
    /^\/api\/v4\/leads\/loss_reasons$/,
    /^\/api\/v4\/leads\/tags$/,
    /^\/api\/v4\/users$/,
    /^\/api\/v4\/contacts$/,
    /^\/api\/v4\/companies$/,
    /^\/api\/v4\/catalogs$/,
    /^\/api\/v4\/catalogs\/\d{1,12}\/elements$/,
    /^\/api\/v4\/sources$/,
    /^\/api\/v4\/events$/
  ];
  // ALLOWED_API_PATHS:END

  var PROTOCOL_VERSION = 1;
  var ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
  var MAX_QUERY_LENGTH = 8000;
  // The dashboard's own client stays under Kommo's 7 requests/s; this only bounds a misbehaving frame.
  var MAX_IN_FLIGHT = 16;
  var EMBEDDED_PARAM = 'embedded';
  var PARENT_HINT_PARAM = 'klb-parent';

  var DEFAULT_TEXTS = {
    open_dashboard: 'Leads dashboard',
    close: 'Close',
    frame_title: 'Kommo Leads Browser',
    missing_url: 'Set the dashboard URL in the widget settings first.',
    invalid_url: 'The dashboard URL must be an http(s) address, e.g. https://leads.example.com/'
  };

  function isAllowedApiPath(path) {
    if (typeof path !== 'string') return false;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (path.indexOf('..') !== -1 || path.indexOf('//') !== -1 || path.indexOf('\\') !== -1 || /%|[\0-\x1f]/.test(path)) return false;
    for (var i = 0; i < ALLOWED_API_PATHS.length; i++) {
      if (ALLOWED_API_PATHS[i].test(path)) return true;
    }
    return false;
  }

  /** The dashboard URL parsed, or null unless it is an absolute http(s) URL. */
  function parseDashboardUrl(raw) {
    if (typeof raw !== 'string' || raw.replace(/\s+/g, '') === '') return null;
    var url;
    try {
      url = new URL(raw.replace(/^\s+|\s+$/g, ''));
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (e) {
      return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url;
  }

  /** `<dashboard>?embedded=1#klb-parent=<this page's origin>`; the view's own query survives. */
  function frameSrc(url) {
    var src = new URL(url.href);
    src.searchParams.set(EMBEDDED_PARAM, '1');
    src.hash = PARENT_HINT_PARAM + '=' + encodeURIComponent(window.location.origin);
    return src.href;
  }

  function readContext() {
    var app = window.APP || window.AMOCRM || {};
    var account = (typeof app.constant === 'function' && app.constant('account')) || {};
    var user = (typeof app.constant === 'function' && app.constant('user')) || {};
    return {
      type: 'klb:context',
      version: PROTOCOL_VERSION,
      account: {
        id: Number(account.id) || 0,
        subdomain: String(account.subdomain || ''),
        currency: account.currency ? String(account.currency) : null,
        timezone: account.timezone ? String(account.timezone) : null
      },
      user: { id: Number(user.id) || 0, name: String(user.name || '') },
      lang: String(app.lang_id || 'en')
    };
  }

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /**
   * Connects one iframe to the page: answers its hello with the Kommo context and relays its GETs.
   * Returns a function that disconnects and aborts whatever is still running.
   */
  function connectFrame(iframe, dashboardOrigin) {
    var inFlight = {};
    var inFlightCount = 0;

    function post(message) {
      if (iframe.contentWindow) iframe.contentWindow.postMessage(message, dashboardOrigin);
    }

    function finish(id) {
      if (hasOwn(inFlight, id)) {
        delete inFlight[id];
        inFlightCount--;
      }
    }

    function relay(data) {
      var id = data.id;
      var path = data.path;
      var query = data.query;
      if (typeof id !== 'string' || !ID_PATTERN.test(id) || hasOwn(inFlight, id)) return;
      if (typeof query !== 'string' || query.length > MAX_QUERY_LENGTH || /[#?]/.test(query) || !isAllowedApiPath(path)) {
        post({ type: 'klb:error', id: id, reason: 'forbidden' });
        return;
      }
      var url = new URL(path, window.location.origin);
      url.search = query ? '?' + query : '';
      // The URL parser must not have turned the path into anything else (same origin, same path).
      if (url.origin !== window.location.origin || url.pathname !== path) {
        post({ type: 'klb:error', id: id, reason: 'forbidden' });
        return;
      }
      if (inFlightCount >= MAX_IN_FLIGHT) {
        post({ type: 'klb:error', id: id, reason: 'network' });
        return;
      }
      var controller = new AbortController();
      inFlight[id] = controller;
      inFlightCount++;
      fetch(url.href, {
        method: 'GET',
        credentials: 'include',
        redirect: 'manual',
        signal: controller.signal,
        headers: { Accept: 'application/hal+json, application/json', 'X-Requested-With': 'XMLHttpRequest' }
      })
        .then(function (response) {
          // A redirect here is Kommo sending an expired session to its login page.
          if (response.type === 'opaqueredirect') return { status: 401, headers: {}, body: '' };
          var headers = {};
          var contentType = response.headers.get('content-type');
          var retryAfter = response.headers.get('retry-after');
          if (contentType !== null) headers['content-type'] = contentType;
          if (retryAfter !== null) headers['retry-after'] = retryAfter;
          return response.text().then(function (body) {
            return { status: response.status, headers: headers, body: response.status === 204 ? '' : body };
          });
        })
        .then(
          function (answer) {
            if (!hasOwn(inFlight, id)) return;
            finish(id);
            post({ type: 'klb:response', id: id, status: answer.status, headers: answer.headers, body: answer.body });
          },
          function () {
            if (!hasOwn(inFlight, id)) return;
            finish(id);
            post({ type: 'klb:error', id: id, reason: 'network' });
          }
        );
    }

    function handleMessage(event) {
      if (event.origin !== dashboardOrigin || event.source !== iframe.contentWindow) return;
      var data = event.data;
      if (data === null || typeof data !== 'object') return;
      if (data.type === 'klb:hello') {
        post(readContext());
      } else if (data.type === 'klb:request') {
        relay(data);
      } else if (data.type === 'klb:cancel' && typeof data.id === 'string' && hasOwn(inFlight, data.id)) {
        var controller = inFlight[data.id];
        finish(data.id);
        controller.abort();
      }
    }

    window.addEventListener('message', handleMessage);
    return function disconnect() {
      window.removeEventListener('message', handleMessage);
      for (var id in inFlight) {
        if (hasOwn(inFlight, id)) inFlight[id].abort();
      }
      inFlight = {};
      inFlightCount = 0;
    };
  }

  function createFrame(url, title) {
    var iframe = document.createElement('iframe');
    iframe.src = frameSrc(url);
    iframe.title = title;
    // The dashboard copies links and downloads CSV files from inside the frame.
    iframe.setAttribute('allow', 'clipboard-write');
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
    iframe.setAttribute('referrerpolicy', 'origin');
    iframe.setAttribute('data-klb-frame', '');
    iframe.style.border = '0';
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.height = '100%';
    return iframe;
  }

  var Widget = function () {
    // Kommo's documented widget pattern: callbacks reach the widget through `self`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    var self = this;
    var disconnects = [];
    var modal = null;

    function t(key) {
      var section = (self.langs && self.langs.ui) || {};
      return section[key] || DEFAULT_TEXTS[key];
    }

    function settings() {
      return (typeof self.get_settings === 'function' && self.get_settings()) || {};
    }

    function area() {
      return (typeof self.system === 'function' && self.system() && self.system().area) || '';
    }

    function showNotice(container, text) {
      var p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.style.padding = '16px';
      p.textContent = text;
      container.appendChild(p);
    }

    /** Mounts the dashboard in `container`; returns false (with a notice) when the setting is not usable. */
    function mountDashboard(container) {
      var raw = settings().dashboard_url;
      var url = parseDashboardUrl(raw);
      if (url === null) {
        showNotice(container, raw ? t('invalid_url') : t('missing_url'));
        return false;
      }
      var iframe = createFrame(url, t('frame_title'));
      // Listening before the frame loads, so its first hello is never missed.
      disconnects.push(connectFrame(iframe, url.origin));
      container.appendChild(iframe);
      return true;
    }

    function closeModal() {
      if (modal === null) return;
      document.removeEventListener('keydown', modal.handleKey);
      modal.disconnect();
      modal.root.parentNode.removeChild(modal.root);
      if (modal.opener && typeof modal.opener.focus === 'function') modal.opener.focus();
      modal = null;
    }

    function openModal() {
      if (modal !== null) return;
      var opener = document.activeElement;
      var root = document.createElement('div');
      root.setAttribute('data-klb-modal', '');
      root.style.cssText = 'position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center';
      var dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-label', t('frame_title'));
      dialog.style.cssText = 'position:relative;width:min(1400px,96vw);height:92vh;background:#fff;border-radius:6px;overflow:hidden;box-shadow:0 8px 32px rgba(0,0,0,.3)';
      var close = document.createElement('button');
      close.type = 'button';
      close.setAttribute('aria-label', t('close'));
      close.textContent = '\u00d7';
      close.style.cssText = 'position:absolute;top:4px;right:8px;z-index:1;border:0;background:transparent;font-size:24px;line-height:1;cursor:pointer';
      var body = document.createElement('div');
      body.style.cssText = 'position:absolute;inset:32px 0 0 0';
      dialog.appendChild(close);
      dialog.appendChild(body);
      root.appendChild(dialog);
      document.body.appendChild(root);

      var before = disconnects.length;
      mountDashboard(body);
      var own = disconnects.splice(before, disconnects.length - before);
      modal = {
        root: root,
        opener: opener,
        disconnect: function () {
          for (var i = 0; i < own.length; i++) own[i]();
        },
        handleKey: function (event) {
          if (event.key === 'Escape') closeModal();
        }
      };
      close.addEventListener('click', closeModal);
      root.addEventListener('click', function (event) {
        if (event.target === root) closeModal();
      });
      document.addEventListener('keydown', modal.handleKey);
      close.focus();
    }

    function addListButton() {
      if (document.querySelector('[data-klb-open]')) return;
      var holder = $('.list__top__actions')[0] || $('#list_page_holder')[0] || document.body;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button-input';
      button.setAttribute('data-klb-open', '');
      button.textContent = t('open_dashboard');
      button.addEventListener('click', openModal);
      holder.appendChild(button);
    }

    function renderAdvancedSettings() {
      var code = settings().widget_code;
      var container = $('#work-area-' + code)[0];
      if (!container) return;
      container.innerHTML = '';
      var frameBox = document.createElement('div');
      // Full size: from the work area's top to the bottom of the window; the dashboard scrolls inside.
      var fit = function () {
        var top = frameBox.getBoundingClientRect().top;
        frameBox.style.height = Math.max(480, window.innerHeight - Math.max(0, top)) + 'px';
      };
      container.appendChild(frameBox);
      fit();
      window.addEventListener('resize', fit);
      disconnects.push(function () {
        window.removeEventListener('resize', fit);
      });
      mountDashboard(frameBox);
    }

    this.callbacks = {
      render: function () {
        if (area() === 'llist') addListButton();
        return true;
      },
      init: function () {
        return true;
      },
      bind_actions: function () {
        return true;
      },
      settings: function () {
        return true;
      },
      onSave: function (data) {
        var fields = (data && data.fields) || {};
        // Kommo shows a false return as a failed save; an unusable URL is refused here, not at first use.
        return fields.dashboard_url === undefined || parseDashboardUrl(fields.dashboard_url) !== null;
      },
      advancedSettings: function () {
        renderAdvancedSettings();
        return true;
      },
      destroy: function () {
        closeModal();
        while (disconnects.length > 0) disconnects.pop()();
        var button = document.querySelector('[data-klb-open]');
        if (button && button.parentNode) button.parentNode.removeChild(button);
      },
      leads: {
        selected: function () {
          openModal();
        }
      }
    };
    return this;
  };

  // For the unit test that compares this allowlist with the app's; not used by Kommo.
  Widget.isAllowedApiPath = isAllowedApiPath;
  Widget.ALLOWED_API_PATHS = ALLOWED_API_PATHS;
  return Widget;
});
