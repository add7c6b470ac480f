// Kommo Leads Browser widget: shows the dashboard in an iframe (its own page under advanced_settings,
// a large Kommo modal from the leads list and pipeline views) and answers the dashboard's API requests
// same-origin, with the signed-in user's session. Plain ES5 + AMD because Kommo loads it as is,
// without a build step. Which public source backs each Kommo behaviour: README, "Inside Kommo".
//
// Protocol (the iframe side lives in src/lib/bridge/bridge-protocol.ts):
//   iframe -> page  {type:'klb:hello', version}          page -> iframe  {type:'klb:context', version, account, user, lang, page}
//   iframe -> page  {type:'klb:request', id, path, query} page -> iframe  {type:'klb:response', id, status, headers, body}
//                                                          or            {type:'klb:error', id, reason:'forbidden'|'network'}
//   iframe -> page  {type:'klb:cancel', id}
//   iframe -> page  {type:'klb:close'}                   the user pressed Escape inside the dashboard
//   iframe -> page  {type:'klb:open-lead', leadId}       the page opens /leads/detail/<leadId> itself
// A message counts only when event.origin is the dashboard URL's origin AND event.source is this
// widget's own iframe; every answer names that origin explicitly, never '*'.
/* global define, window, document, URL, fetch, AbortController, MutationObserver */
define(['jquery', 'lib/components/base/modal'], function ($, Modal) {
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
    /^\/api\/v4\/events$/,
  ];
  // ALLOWED_API_PATHS:END

  var PROTOCOL_VERSION = 1;
  var ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
  var MAX_QUERY_LENGTH = 8000;
  // The dashboard's own client stays under Kommo's 7 requests/s; this only bounds a misbehaving frame.
  var MAX_IN_FLIGHT = 16;
  var EMBEDDED_PARAM = 'embedded';
  var PARENT_HINT_PARAM = 'klb-parent';
  // The app reads at most 250 values of one filter (MAX_FILTER_VALUES in src/kommo/leads-query.ts);
  // 250 ids of 10 digits stay under the bridge's query limit (a unit test checks both).
  var IDS_PER_VIEW = 250;
  // A completed request id is refused for this long (a replayed request is never run twice).
  var REPLAY_WINDOW_MS = 10 * 60 * 1000;
  var REPLAY_MAX_IDS = 5000;
  // Kommo's own leads top bar (template interface/leads/common/top_actions) and its "add lead" button.
  var TOP_BAR_SELECTOR = '.list__top__actions';
  // The modal: as wide as the window allows up to 1400 px, 88% of its height, 6% from the top; the
  // strip above the dashboard is where Kommo's × lives (10 px + 34 px).
  var MODAL_WIDTH = 'min(1400px, 96vw)';
  var MODAL_HEIGHT = '88vh';
  var MODAL_TOP = '6vh';
  var CLOSE_STRIP = 48;
  var ADD_LEAD_SELECTOR = '.button-input_add-lead';

  var DEFAULT_TEXTS = {
    open_dashboard: 'Leads dashboard',
    close: 'Close',
    frame_title: 'Kommo Leads Browser',
    missing_url: 'Set the dashboard URL in the widget settings first.',
    invalid_url: 'The dashboard URL must be an https address, e.g. https://leads.example.com/ (http only for localhost).',
    selected_parts: 'You ticked {count} leads; one view holds {size}. Pick a part:',
    selected_part: 'Leads {from}–{to}',
    selected_beyond_loaded:
      'You selected {count} leads, but Kommo gave the widget the ids of only the {loaded} loaded in the list: the dashboard shows those {loaded}. To see all of them, filter the dashboard itself.',
    selected_none_given: 'You selected {count} leads, but Kommo gave the widget none of their ids.',
    selected_unreadable: 'Kommo did not say which leads were ticked.',
    open_unfiltered: 'Open the dashboard without a filter',
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

  function isLoopbackHost(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  }

  /**
   * The dashboard URL parsed, or null unless it is an absolute https URL (http only on a loopback
   * host, for development): Kommo pages are https, and a browser blocks an http frame in them anyway.
   */
  function parseDashboardUrl(raw) {
    if (typeof raw !== 'string' || raw.replace(/\s+/g, '') === '') return null;
    var url;
    try {
      url = new URL(raw.replace(/^\s+|\s+$/g, ''));
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (e) {
      return null;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return null;
    if (url.username || url.password) return null;
    return url;
  }

  function leadIdOf(row) {
    var raw = row !== null && typeof row === 'object' ? row.id : row;
    var id = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : raw;
    return typeof id === 'number' && id > 0 && id <= 9007199254740991 && Math.floor(id) === id ? id : null;
  }

  /**
   * What `list_selected()` says was ticked, in every shape seen or possible: `{selected: [{id}, …]}`
   * (Kommo's docs and public widgets), `selected` keyed by id (`{"123": {…}}`), a bare array of rows
   * or of ids, or those wrapped in an array. `count` is Kommo's `count_selected` when it says more
   * than the ids it gave ("select all" over more leads than the list has loaded), else the ids' count.
   * Ids are positive integers, de-duplicated, in the order Kommo gave them.
   */
  function readSelection(listed) {
    var value = listed;
    if (
      Array.isArray(value) &&
      value.length === 1 &&
      value[0] !== null &&
      typeof value[0] === 'object' &&
      !Array.isArray(value[0]) &&
      hasOwn(value[0], 'selected')
    ) {
      value = value[0];
    }
    var rows = value;
    var declared = null;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      rows = hasOwn(value, 'selected') ? value.selected : [];
      var count = Number(value.count_selected);
      if (isFinite(count) && count >= 0 && Math.floor(count) === count) declared = count;
    }
    var list = [];
    if (Array.isArray(rows)) list = rows;
    else if (rows !== null && typeof rows === 'object') {
      for (var key in rows) {
        if (!hasOwn(rows, key)) continue;
        var row = rows[key];
        list.push(row !== null && typeof row === 'object' && row.id !== undefined ? row : key);
      }
    }
    var ids = [];
    var seen = {};
    for (var i = 0; i < list.length; i++) {
      var id = leadIdOf(list[i]);
      if (id !== null && !hasOwn(seen, String(id))) {
        seen[String(id)] = true;
        ids.push(id);
      }
    }
    return { ids: ids, count: declared !== null && declared > ids.length ? declared : ids.length };
  }

  /** Positive integer lead ids from `list_selected()` (any shape readSelection reads). */
  function selectedLeadIds(listSelected) {
    return readSelection(listSelected).ids;
  }

  /** The ids in views of at most IDS_PER_VIEW each. */
  function splitIntoViews(ids, size) {
    var views = [];
    for (var i = 0; i < ids.length; i += size) views.push(ids.slice(i, i + size));
    return views;
  }

  /** The dashboard URL narrowed to these lead ids (`filter[id][]`, read by src/kommo/leads-query.ts). */
  function dashboardUrlForLeads(url, ids) {
    var out = new URL(url.href);
    var parts = [];
    for (var i = 0; i < ids.length; i++) parts.push('filter[id][]=' + ids[i]);
    out.search = parts.length > 0 ? '?' + parts.join('&') : '';
    return out;
  }

  /**
   * Remembers completed request ids for `windowMs` (at most `max` of them) so a replayed id is refused.
   * `remember(id)` after an answer; `has(id)` before running a request.
   */
  function createReplayGuard(windowMs, max, now) {
    var clock = now || Date.now;
    var done = {};
    var order = [];
    function prune() {
      var cutoff = clock() - windowMs;
      while (order.length > 0 && (order.length > max || done[order[0]] <= cutoff)) delete done[order.shift()];
    }
    return {
      has: function (id) {
        prune();
        return hasOwn(done, id);
      },
      remember: function (id) {
        if (!hasOwn(done, id)) order.push(id);
        done[id] = clock();
        prune();
      },
    };
  }

  /** What the top bar holds on this Kommo page: the leads list, the pipeline, or neither (null). */
  function leadsView() {
    var app = window.APP || window.AMOCRM || {};
    // Kommo documents APP.getWidgetsArea(): 'leads' (list of leads) and 'leads-pipeline' (pipeline).
    var area = typeof app.getWidgetsArea === 'function' ? String(app.getWidgetsArea() || '') : '';
    if (area === 'leads') return 'list';
    if (area === 'leads-pipeline') return 'pipeline';
    if (area !== '') return null;
    var path = window.location.pathname;
    if (/^\/leads\/list(\/|$)/.test(path)) return 'list';
    if (/^\/leads\/pipeline(\/|$)/.test(path)) return 'pipeline';
    return null;
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
        timezone: account.timezone ? String(account.timezone) : null,
      },
      user: { id: Number(user.id) || 0, name: String(user.name || '') },
      lang: String(app.lang_id || 'en'),
      page: readPageConstants(app, user),
    };
  }

  /** A copy holding plain data only (postMessage cannot clone functions), or null. */
  function plainCopy(value) {
    if (value === null || typeof value !== 'object') return null;
    try {
      return JSON.parse(JSON.stringify(value));
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (e) {
      return null;
    }
  }

  function pick(object, keys) {
    var out = {};
    if (object === null || typeof object !== 'object') return out;
    for (var i = 0; i < keys.length; i++) if (hasOwn(object, keys[i])) out[keys[i]] = object[keys[i]];
    return out;
  }

  /**
   * What the dashboard needs of the page's constants (developers.kommo.com/docs/environment-variables):
   * people's names and groups (`managers`, `groups`), and the user's own rights (`user`, `user_rights`),
   * so a manager sees names without `/api/v4/users` (administrators only). Only these keys leave the
   * page: never the user's login, API key or avatar. The dashboard validates all of it again.
   */
  function readPageConstants(app, user) {
    var constant = function (key) {
      try {
        return typeof app.constant === 'function' ? app.constant(key) : null;
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
      } catch (e) {
        return null;
      }
    };
    var managers = {};
    var source = constant('managers') || {};
    for (var id in source) {
      if (hasOwn(source, id)) managers[id] = pick(source[id], ['title', 'active', 'is_admin', 'group']);
    }
    var rights = constant('user_rights') || {};
    var base = rights.base_rights || {};
    return plainCopy({
      managers: managers,
      groups: constant('groups') || {},
      user: pick(user, ['id', 'group_mates_ids']),
      user_rights: {
        is_admin: rights.is_admin,
        is_free_user: rights.is_free_user,
        leads: pick(rights.leads, ['view', 'export']),
        base_rights: { leads: pick(base.leads, ['view', 'export']) },
        status_rights: rights.status_rights || {},
      },
    });
  }

  function hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** `{type:'klb:close'}` and nothing else (closeMessageSchema in bridge-protocol.ts). */
  function isCloseMessage(data) {
    if (data === null || typeof data !== 'object' || data.type !== 'klb:close') return false;
    for (var key in data) {
      if (hasOwn(data, key) && key !== 'type') return false;
    }
    return true;
  }

  /**
   * Connects one iframe to the page: answers its hello with the Kommo context and relays its GETs.
   * Returns a function that disconnects and aborts whatever is still running.
   */
  function connectFrame(iframe, dashboardOrigin, onClose, onOpenTab) {
    var inFlight = {};
    var inFlightCount = 0;
    var completed = createReplayGuard(REPLAY_WINDOW_MS, REPLAY_MAX_IDS);

    function post(message) {
      if (iframe.contentWindow) iframe.contentWindow.postMessage(message, dashboardOrigin);
    }

    function finish(id) {
      completed.remember(id);
      if (hasOwn(inFlight, id)) {
        delete inFlight[id];
        inFlightCount--;
      }
    }

    function relay(data) {
      var id = data.id;
      var path = data.path;
      var query = data.query;
      // A replayed id (running, or answered within the replay window) is dropped unanswered.
      if (typeof id !== 'string' || !ID_PATTERN.test(id) || hasOwn(inFlight, id) || completed.has(id)) return;
      completed.remember(id);
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
        headers: { Accept: 'application/hal+json, application/json', 'X-Requested-With': 'XMLHttpRequest' },
      })
        .then(function (response) {
          // A redirect here is Kommo sending an expired session to its login page.
          if (response.type === 'opaqueredirect') return { status: 401, headers: {}, body: '' };
          var headers = {};
          var contentType = response.headers.get('content-type');
          var retryAfter = response.headers.get('retry-after');
          // Kommo's clock: the dashboard's local copy takes its cursors from it, not the laptop's.
          var date = response.headers.get('date');
          if (contentType !== null) headers['content-type'] = contentType;
          if (retryAfter !== null) headers['retry-after'] = retryAfter;
          if (date !== null) headers['date'] = date;
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
      } else if (data.type === 'klb:open-lead') {
        openLeadCard(data.leadId);
      } else if (data.type === 'klb:cancel' && typeof data.id === 'string' && hasOwn(inFlight, data.id)) {
        var controller = inFlight[data.id];
        finish(data.id);
        controller.abort();
      } else if (isCloseMessage(data) && typeof onClose === 'function') {
        onClose();
      } else if (data.type === 'klb:open-tab' && typeof onOpenTab === 'function' && isViewPath(data.path)) {
        onOpenTab(data.path);
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

  /**
   * Shows a lead's card in this Kommo page (the frame's sandbox cannot navigate the top page). Only
   * a positive integer id is accepted, and only this origin's own `/leads/detail/<id>` is opened.
   */
  function openLeadCard(leadId) {
    if (typeof leadId !== 'number' || !isFinite(leadId) || Math.floor(leadId) !== leadId || leadId <= 0 || leadId > 9007199254740991) return;
    window.location.assign('/leads/detail/' + String(leadId));
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

  // --- issue 21: "Open in a new tab", signed in on the team server ----------------------------

  var CLIENT_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  /** A path on the dashboard's own origin (never `//host` or `/\\host`). */
  function isViewPath(path) {
    return typeof path === 'string' && path.length <= 4096 && /^\/(?![/\\])/.test(path);
  }

  /** Posts `fields` to `action` in a new tab: a form, so the token never sits in a URL, a history or a log. */
  function postInNewTab(action, fields) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = action;
    form.target = '_blank';
    form.style.display = 'none';
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
    document.body.removeChild(form);
  }

  /**
   * Gets a one-time token for this integration (its id is the widget setting `oauth_client_uuid`)
   * from the Kommo page, as public widgets do: GET /ajax/v2/integrations/<id>/disposable_token answers
   * `{token}`. Posts it to the dashboard's /auth/kommo in a new tab, which lands on `path` signed in.
   * Without a token the new tab opens the dashboard's sign-in page, which says why.
   */
  function openSignedInTab(dashboardOrigin, path, clientUuid) {
    function withoutToken() {
      window.open(dashboardOrigin + '/sign-in?reason=missing-token&return=' + encodeURIComponent(path), '_blank', 'noopener');
    }
    if (!CLIENT_UUID.test(String(clientUuid || ''))) {
      withoutToken();
      return;
    }
    fetch('/ajax/v2/integrations/' + String(clientUuid).toLowerCase() + '/disposable_token', {
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        var token = body && typeof body.token === 'string' ? body.token : '';
        if (token === '') withoutToken();
        else postInNewTab(dashboardOrigin + '/auth/kommo', { token: token, return: path });
      }, withoutToken);
  }

  function format(text, vars) {
    return String(text).replace(/\{(\w+)\}/g, function (match, name) {
      return hasOwn(vars, name) ? String(vars[name]) : match;
    });
  }

  var Widget = function () {
    // Kommo's documented widget pattern: callbacks reach the widget through `self`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    var self = this;
    var disconnects = [];
    var modal = null;
    var observer = null;

    function t(key, vars) {
      var section = (self.langs && self.langs.ui) || {};
      return format(section[key] || DEFAULT_TEXTS[key], vars || {});
    }

    function settings() {
      return (typeof self.get_settings === 'function' && self.get_settings()) || {};
    }

    function widgetCode() {
      return String(settings().widget_code || (self.params && self.params.widget_code) || '');
    }

    function showNotice(container, text) {
      var p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.style.padding = '16px';
      p.textContent = text;
      container.appendChild(p);
    }

    /** The dashboard URL from the settings, or null after putting a notice in `container`. */
    function dashboardUrl(container) {
      var raw = settings().dashboard_url;
      var url = parseDashboardUrl(raw);
      if (url === null) showNotice(container, raw ? t('invalid_url') : t('missing_url'));
      return url;
    }

    /** Mounts the dashboard at `url` in `container`; returns the function that disconnects it. */
    function mountDashboard(container, url, onClose) {
      var iframe = createFrame(url, t('frame_title'));
      // Listening before the frame loads, so its first hello is never missed.
      var disconnect = connectFrame(iframe, url.origin, onClose, function (path) {
        openSignedInTab(url.origin, path, settings().oauth_client_uuid);
      });
      container.appendChild(iframe);
      return disconnect;
    }

    // --- the large window: Kommo's own modal component --------------------------------------

    function finishModal(state) {
      if (state.finished) return;
      state.finished = true;
      document.removeEventListener('keydown', state.handleKey, true);
      state.disconnect();
      if (modal === state) modal = null;
      if (state.opener && typeof state.opener.focus === 'function' && document.contains(state.opener)) state.opener.focus();
    }

    function closeModal() {
      var state = modal;
      if (state === null) return;
      // Kommo's modal runs our destroy callback (finishModal); finishModal again is a no-op.
      if (state.instance && typeof state.instance.destroy === 'function' && !state.finished) state.instance.destroy();
      finishModal(state);
    }

    /** A plain line above the dashboard (text only). */
    function noteLine(body, text) {
      var p = document.createElement('p');
      p.setAttribute('role', 'status');
      p.setAttribute('data-klb-selection-note', '');
      p.style.cssText = 'margin:0;padding:8px 16px;background:#fff8e1;color:#3c3c3c';
      p.textContent = text;
      body.appendChild(p);
      return p;
    }

    /**
     * Fills the modal: the dashboard, narrowed to `ids` when leads were ticked, in parts past
     * IDS_PER_VIEW. `selection` (from "More") is Kommo's count of ticked leads: when it says more
     * than the ids Kommo gave (select all over leads the list has not loaded) the modal says so,
     * and when Kommo gave no ids at all it never falls back to the whole account silently.
     */
    function fillModal(state, body, ids, selection) {
      var url = dashboardUrl(body);
      if (url === null) return;
      if (selection && selection.count > ids.length) {
        noteLine(
          body,
          ids.length > 0
            ? t('selected_beyond_loaded', { count: selection.count, loaded: ids.length })
            : t('selected_none_given', { count: selection.count })
        );
      }
      if (selection && ids.length === 0) {
        if (selection.count === 0) noteLine(body, t('selected_unreadable'));
        var openAll = document.createElement('button');
        openAll.type = 'button';
        openAll.className = 'button-input';
        openAll.setAttribute('data-klb-open-unfiltered', '');
        openAll.style.margin = '8px 16px';
        openAll.textContent = t('open_unfiltered');
        openAll.addEventListener('click', function () {
          body.innerHTML = '';
          fillModal(state, body, [], null);
        });
        body.appendChild(openAll);
        return;
      }
      var views = splitIntoViews(ids, IDS_PER_VIEW);
      var frameBox = document.createElement('div');
      frameBox.style.cssText = 'flex:1 1 auto;min-height:0';
      var current = null;
      function show(index) {
        if (current !== null) current();
        frameBox.innerHTML = '';
        var target = views.length === 0 ? url : dashboardUrlForLeads(url, views[index]);
        current = mountDashboard(frameBox, target, closeModal);
        var buttons = body.querySelectorAll('[data-klb-part]');
        for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-pressed', String(i === index));
      }
      if (views.length > 1) {
        var parts = document.createElement('div');
        parts.setAttribute('data-klb-parts', '');
        parts.style.cssText = 'display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:8px 40px 8px 16px';
        var label = document.createElement('span');
        label.textContent = t('selected_parts', { count: ids.length, size: IDS_PER_VIEW });
        parts.appendChild(label);
        views.forEach(function (view, index) {
          var button = document.createElement('button');
          button.type = 'button';
          button.className = 'button-input';
          button.setAttribute('data-klb-part', String(index));
          button.textContent = t('selected_part', { from: index * IDS_PER_VIEW + 1, to: index * IDS_PER_VIEW + view.length });
          button.addEventListener('click', function () {
            show(index);
          });
          parts.appendChild(button);
        });
        body.appendChild(parts);
      }
      body.appendChild(frameBox);
      show(0);
      state.disconnect = function () {
        if (current !== null) current();
        current = null;
      };
    }

    /**
     * Kommo's stylesheet keeps `.modal-body` a 500 px box (`margin-left: -250px`); a widget showing
     * something large sizes it for its own class, as Kommo's birthday-widget does. Added once.
     */
    function ensureModalStyle() {
      if (document.getElementById('klb-modal-style')) return;
      var style = document.createElement('style');
      style.id = 'klb-modal-style';
      style.textContent =
        '.klb-modal-window .modal-body{width:' +
        MODAL_WIDTH +
        ' !important;max-width:none !important;margin-left:calc(' +
        MODAL_WIDTH +
        ' / -2) !important;left:50% !important;top:' +
        MODAL_TOP +
        ' !important;margin-top:0 !important;padding:0 !important;box-sizing:border-box !important;overflow:hidden}';
      document.head.appendChild(style);
    }

    function openModal(ids, selectedCount) {
      if (modal !== null) return;
      ensureModalStyle();
      var state = { finished: false, instance: null, opener: document.activeElement, disconnect: function () {} };
      var root = document.createElement('div');
      root.setAttribute('role', 'dialog');
      root.setAttribute('aria-modal', 'true');
      root.setAttribute('aria-label', t('frame_title'));
      root.setAttribute('data-klb-modal', '');
      // The top strip holds the title and Kommo's × (a 33×34 px box 10 px from the top right
      // corner): no control of the dashboard ever sits under it.
      root.style.cssText =
        'position:relative;display:flex;flex-direction:column;width:100%;height:' +
        MODAL_HEIGHT +
        ';padding-top:' +
        CLOSE_STRIP +
        'px;box-sizing:border-box';
      var title = document.createElement('div');
      title.setAttribute('data-klb-modal-title', '');
      title.style.cssText =
        'position:absolute;top:0;left:0;right:' +
        CLOSE_STRIP +
        'px;height:' +
        CLOSE_STRIP +
        'px;line-height:' +
        CLOSE_STRIP +
        'px;padding:0 16px;font-weight:600;overflow:hidden;white-space:nowrap;text-overflow:ellipsis';
      title.textContent = t('frame_title');
      root.appendChild(title);
      // Kommo widgets close their modal with this element (Kommo wires its click); ours is keyboard-reachable too.
      var close = document.createElement('span');
      close.className = 'modal-body__close';
      close.setAttribute('role', 'button');
      close.setAttribute('tabindex', '0');
      close.setAttribute('aria-label', t('close'));
      close.innerHTML = '<span class="icon icon-modal-close"></span>';
      close.addEventListener('click', closeModal);
      close.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          closeModal();
        }
      });
      var body = document.createElement('div');
      body.style.cssText = 'display:flex;flex-direction:column;flex:1 1 auto;min-height:0';
      root.appendChild(body);
      root.appendChild(close);
      state.handleKey = function (event) {
        if (event.key === 'Escape') closeModal();
      };
      modal = state;
      state.instance = new Modal({
        class_name: 'klb-modal-window',
        init: function ($modalBody) {
          $modalBody.trigger('modal:loaded').html('').append(root).trigger('modal:centrify');
        },
        destroy: function () {
          finishModal(state);
        },
      });
      fillModal(state, body, ids, selectedCount === undefined ? null : { count: selectedCount });
      // Escape in the Kommo page; inside the dashboard the app sends klb:close instead (keys stay in the frame).
      document.addEventListener('keydown', state.handleKey, true);
      close.focus();
    }

    // --- the button in the leads top bar -------------------------------------------------------

    function createOpenButton() {
      var button = document.createElement('button');
      button.type = 'button';
      // Kommo's button markup (button-input + button-input-inner__text), as its own top bar buttons.
      button.className = 'button-input klb-open-dashboard';
      button.setAttribute('data-klb-open', '');
      var text = document.createElement('span');
      text.className = 'button-input-inner__text';
      text.textContent = t('open_dashboard');
      button.appendChild(text);
      button.addEventListener('click', function () {
        openModal([]);
      });
      return button;
    }

    /** One button in the leads list's or pipeline's top bar; none anywhere else. Idempotent. */
    function placeButton() {
      var bar = leadsView() === null ? null : document.querySelector(TOP_BAR_SELECTOR);
      var existing = document.querySelectorAll('[data-klb-open]');
      for (var i = 0; i < existing.length; i++) {
        if (bar === null || !bar.contains(existing[i])) existing[i].parentNode.removeChild(existing[i]);
      }
      if (bar === null || bar.querySelector('[data-klb-open]') !== null) return;
      var addLead = bar.querySelector(ADD_LEAD_SELECTOR);
      if (addLead !== null && addLead.parentNode === bar) bar.insertBefore(createOpenButton(), addLead);
      else bar.appendChild(createOpenButton());
    }

    function watchTopBar() {
      if (observer !== null) return;
      placeButton();
      // Kommo re-renders its top bar when the user switches view, pipeline or filter: put the button back.
      observer = new MutationObserver(placeButton);
      observer.observe(document.body, { childList: true, subtree: true });
    }

    function stopWatchingTopBar() {
      if (observer !== null) observer.disconnect();
      observer = null;
      var existing = document.querySelectorAll('[data-klb-open]');
      for (var i = 0; i < existing.length; i++) existing[i].parentNode.removeChild(existing[i]);
    }

    // --- settings ----------------------------------------------------------------------------

    function settingsDialog() {
      var code = widgetCode();
      return code ? $('.modal.' + code) : $([]);
    }

    function clearSettingsError() {
      var old = document.querySelectorAll('[data-klb-settings-error]');
      for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    }

    /** The message in Kommo's settings dialog, by the dashboard URL field; Kommo's error modal if no dialog. */
    function showSettingsError(message) {
      clearSettingsError();
      var dialog = settingsDialog()[0];
      var block = dialog ? dialog.querySelector('.widget_settings_block') : null;
      if (!block) {
        new Modal().showError(message, false);
        return;
      }
      var p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.setAttribute('data-klb-settings-error', '');
      p.style.cssText = 'color:#f37575;margin:8px 0';
      p.textContent = message;
      var field = block.querySelector('[name="dashboard_url"]');
      var anchor = field && field.parentNode && block.contains(field.parentNode) ? field.parentNode : null;
      if (anchor !== null && anchor !== block) anchor.parentNode.insertBefore(p, anchor.nextSibling);
      else block.insertBefore(p, block.firstChild);
    }

    function renderAdvancedSettings() {
      var container = $('#work-area-' + widgetCode())[0];
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
      var url = dashboardUrl(frameBox);
      if (url !== null) disconnects.push(mountDashboard(frameBox, url, null));
    }

    this.callbacks = {
      render: function () {
        // Installed in `everywhere` (and llist): the top bar decides, not the area (see placeButton).
        watchTopBar();
        return true;
      },
      init: function () {
        return true;
      },
      bind_actions: function () {
        return true;
      },
      settings: function () {
        clearSettingsError();
        return true;
      },
      /**
       * Kommo's contract: true, or a Promise. A bad URL is refused as Kommo's own widgets do it: the
       * save button's `button:save:error` and a rejected promise, plus the reason in the dialog.
       */
      onSave: function (data) {
        var fields = (data && data.fields) || {};
        clearSettingsError();
        // onSave also runs when the widget is switched off: nothing to check then.
        if ((data && data.active) === 'N' || fields.dashboard_url === undefined) return true;
        if (parseDashboardUrl(fields.dashboard_url) !== null) return true;
        var message = t('invalid_url');
        showSettingsError(message);
        settingsDialog().find('.js-widget-save').trigger('button:save:error');
        return Promise.reject(new Error(message));
      },
      advancedSettings: function () {
        renderAdvancedSettings();
        return true;
      },
      destroy: function () {
        closeModal();
        stopWatchingTopBar();
        while (disconnects.length > 0) disconnects.pop()();
      },
      leads: {
        /** "More → Leads Browser" with leads ticked: the dashboard on exactly those leads. */
        selected: function () {
          var listed = typeof self.list_selected === 'function' ? self.list_selected() : null;
          var selection = readSelection(listed);
          // Kommo dims the page with its widgets overlay when a widget is picked under "More"; the
          // widget must lift it (Kommo's widget docs: self.widgetsOverlay(false)).
          if (typeof self.widgetsOverlay === 'function') self.widgetsOverlay(false);
          openModal(selection.ids, selection.count);
        },
      },
    };
    return this;
  };

  // For the unit tests; not used by Kommo.
  Widget.isAllowedApiPath = isAllowedApiPath;
  Widget.ALLOWED_API_PATHS = ALLOWED_API_PATHS;
  Widget.parseDashboardUrl = parseDashboardUrl;
  Widget.selectedLeadIds = selectedLeadIds;
  Widget.readSelection = readSelection;
  Widget.readPageConstants = readPageConstants;
  Widget.splitIntoViews = splitIntoViews;
  Widget.dashboardUrlForLeads = dashboardUrlForLeads;
  Widget.createReplayGuard = createReplayGuard;
  Widget.isCloseMessage = isCloseMessage;
  Widget.IDS_PER_VIEW = IDS_PER_VIEW;
  return Widget;
});
