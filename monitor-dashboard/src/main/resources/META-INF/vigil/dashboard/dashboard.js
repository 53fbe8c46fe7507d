/*
 * Vigil dashboard. Reads the admin API either with the host's own login session (when the host's Spring Security
 * session already authenticates the admin API) or with the token the user typed (kept in sessionStorage for this
 * tab, sent only as "Authorization: Bearer", never in a URL), and redraws in place every refresh interval.
 * The refresh interval is the body's data-refresh-seconds, or ?refresh=<seconds> on the page's URL.
 * What the caller may press follows GET /api/admin/operations: operator buttons only for operators.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'vigil.dashboard.token';
  var MAX_ALERTS = 20;
  var byId = function (id) { return document.getElementById(id); };
  var TICK_STEPS = [60000, 300000, 600000, 1800000, 3600000, 14400000, 43200000, 86400000, 432000000];
  var DAY = 86400000;
  var state = {
    timer: null, paused: false, running: false, refreshes: 0, range: '1h', platform: '', pendingAction: null,
    session: false, operations: {}, caller: null, actions: {}, platforms: [], returnFocus: null, approving: null
  };

  function refreshSeconds() {
    var fromQuery = Number(new URLSearchParams(location.search).get('refresh'));
    var fromPage = Number(document.body.dataset.refreshSeconds);
    var seconds = fromQuery > 0 ? fromQuery : (fromPage > 0 ? fromPage : 30);
    return Math.max(1, Math.min(seconds, 3600));
  }

  function Unauthorized(message) { this.message = message; }

  function cookie(name) {
    var found = document.cookie.split(';').map(function (c) { return c.trim(); })
      .filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return found ? decodeURIComponent(found.substring(name.length + 1)) : null;
  }

  function api(path, options) {
    options = options || {};
    var method = options.method || 'GET';
    var headers = { 'Accept': 'application/json' };
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token && !options.anonymous) {
      headers['Authorization'] = 'Bearer ' + token;
    } else if (method !== 'GET' && cookie('XSRF-TOKEN')) {
      headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN'); // the host session's CSRF contract
    }
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin', cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        // refused reads end the view; a refused act (403, e.g. a reader pressing, an approval refused) is its answer
        if (response.status === 401 || (response.status === 403 && method === 'GET')) {
          throw new Unauthorized((json && json.message) || 'The token was refused (' + response.status + ').');
        }
        return { status: response.status, ok: response.ok, json: json };
      });
    });
  }

  function text(element, value) { element.textContent = value === null || value === undefined ? '–' : String(value); }

  function clear(element) { while (element.firstChild) { element.removeChild(element.firstChild); } }

  /** Where keyboard focus is, as a button's data-focus key inside its nearest element with an id. */
  function focusSpot(node) {
    node = node || document.activeElement;
    if (!node || !node.dataset || !node.dataset.focus || !node.parentNode) { return null; }
    var home = node.parentNode.closest('[id]');
    return home ? { home: home.id, key: node.dataset.focus } : null;
  }

  /** Puts focus back on the redrawn twin of the button that had it, unless focus is somewhere else by now. */
  function restoreFocus(spot) {
    var now = document.activeElement;
    if (!spot || (now && now !== document.body && document.body.contains(now))) { return; }
    var home = byId(spot.home);
    var again = home && home.querySelector('[data-focus="' + window.CSS.escape(spot.key) + '"]');
    if (again) { again.focus(); }
  }

  /**
   * Whether {@code what} drew {@code data} last time already: a panel is redrawn only when what it shows changed,
   * so buttons stay put under the pointer and the keyboard between refreshes.
   */
  var drawn = {};
  function unchanged(what, data) {
    var key = JSON.stringify([Object.keys(state.operations).sort(), data]);
    if (drawn[what] === key) { return true; }
    drawn[what] = key;
    return false;
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = String(content); }
    return node;
  }

  function percent(ratio) { return typeof ratio === 'number' ? (ratio * 100).toFixed(ratio < 0.1 ? 1 : 0) + '%' : '–'; }

  function millis(ms) { return typeof ms === 'number' ? (ms < 10 ? ms.toFixed(1) : Math.round(ms)) + ' ms' : '–'; }

  function duration(seconds) {
    if (typeof seconds !== 'number') { return '–'; }
    var d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
    return d > 0 ? d + 'd ' + h + 'h' : h > 0 ? h + 'h ' + m + 'm' : m + 'm ' + Math.floor(seconds % 60) + 's';
  }

  function time(iso) {
    if (!iso) { return '–'; }
    var date = new Date(iso);
    var sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
  }

  // ---- login -------------------------------------------------------------------------------------------

  function showLogin(message) {
    stopTimer();
    // nothing of the previous caller's work is left for the next one
    byId('approve-token').value = '';
    state.approving = null;
    byId('query').value = '';
    byId('query-result').hidden = true;
    byId('query-error').hidden = true;
    byId('action-result').hidden = true;
    drawn = {};
    byId('dashboard').hidden = true;
    byId('login').hidden = false;
    var error = byId('login-error');
    error.hidden = !message;
    error.textContent = message || '';
    byId('token').focus();
  }

  function showDashboard(operations) {
    byId('login').hidden = true;
    byId('login-error').hidden = true;
    byId('dashboard').hidden = false;
    byId('logout').hidden = state.session;
    applyOperations(operations);
    ensureCharts();
    refresh();
    startTimer();
  }

  /** What the caller may use, from GET /api/admin/operations: operator controls only for those who may press them. */
  function applyOperations(answer) {
    var list = (answer && answer.json && answer.json.operations) || [];
    state.operations = {};
    list.forEach(function (op) { state.operations[op.id] = op; });
    state.caller = (answer && answer.json && answer.json.caller) || null;
    var act = may('trigger-action');
    document.body.dataset.role = act ? 'operator' : 'read';
    byId('actions-readonly').hidden = act;
    byId('approval').hidden = !act;
    byId('query-panel').hidden = !may('run-query');
  }

  function may(operation) { return Object.prototype.hasOwnProperty.call(state.operations, operation); }

  function openWith(token) {
    if (token) { sessionStorage.setItem(TOKEN_KEY, token); }
    return api('/api/admin/operations').then(function (answer) {
      if (!answer.ok) { throw new Unauthorized((answer.json && answer.json.message) || 'answered ' + answer.status); }
      return answer;
    });
  }

  byId('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var token = byId('token').value.trim();
    if (!token) { return; }
    state.session = false;
    openWith(token).then(function (operations) {
      byId('token').value = '';
      showDashboard(operations);
    }).catch(function (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(error instanceof Unauthorized ? 'Refused: ' + error.message : 'The service did not answer: ' + error);
    });
  });

  byId('logout').addEventListener('click', function () {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin('');
  });

  // ---- refresh -----------------------------------------------------------------------------------------

  function startTimer() {
    stopTimer();
    if (!state.paused) {
      state.timer = setInterval(refresh, refreshSeconds() * 1000);
    }
  }

  function stopTimer() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
  }

  byId('pause').addEventListener('click', function () {
    state.paused = !state.paused;
    this.setAttribute('aria-pressed', String(state.paused));
    this.textContent = state.paused ? 'Resume refresh' : 'Pause refresh';
    startTimer();
  });
  byId('refresh').addEventListener('click', function () { refresh(); });
  byId('range').addEventListener('change', function () { state.range = this.value; refresh(); });
  byId('platform').addEventListener('change', function () { state.platform = this.value; refresh(); });

  function settle(promise) {
    return promise.then(function (answer) { return answer; }, function (error) { return { error: error }; });
  }

  function refresh() {
    if (state.running) { state.again = true; return Promise.resolve(); } // e.g. a new range while one is loading
    state.running = true;
    var calls = [
      settle(api('/api/health')), settle(api('/api/admin/system-health')), settle(api('/api/admin/metrics')),
      settle(api('/api/admin/alerts')), settle(api('/api/admin/incidents?status=open')),
      settle(api('/api/admin/briefing/now')), settle(api('/api/admin/jobs/runs?since=24h')),
      settle(api('/api/admin/checks/history?limit=40')),
      settle(api('/api/admin/alerts?since=' + encodeURIComponent(new Date(Date.now() - DAY).toISOString()) + '&limit=200')),
      settle(api('/api/admin/security-events?limit=20')), settle(api('/api/admin/deployments?limit=20')),
      settle(api('/api/admin/actions')),
      may('approvals') ? settle(api('/api/admin/approvals')) : Promise.resolve({})
    ];
    return Promise.all(calls.concat([settle(refreshCharts())])).then(function (answers) {
      answers = answers.map(function (a) { return a || {}; });
      var refused = answers.filter(function (a) { return a.error instanceof Unauthorized; });
      if (refused.length > 0) {
        sessionStorage.removeItem(TOKEN_KEY);
        showLogin((state.session ? 'Your session no longer opens the dashboard: ' : 'Refused: ') + refused[0].error.message);
        return;
      }
      var failed = answers.filter(function (a) { return a.error; });
      var banner = byId('load-error');
      banner.hidden = failed.length === 0;
      banner.textContent = failed.length ? 'Some data could not be loaded: ' + failed[0].error : '';
      var spot = focusSpot(); // a redraw replaces buttons: keyboard focus stays on the same one
      renderHeader(answers[0].json, answers[1].json);
      renderCards(answers[1].json, answers[2].json);
      renderAlerts(answers[3]);
      renderIncidents(answers[4]);
      renderActions(answers[11]);
      renderApprovals(answers[12]);
      renderBriefing(answers[5]);
      renderGantt(answers[6]);
      renderStrips(answers[7]);
      renderEvents(answers[8], answers[3]);
      renderSecurity(answers[9]);
      renderDeployments(answers[10]);
      renderPlatforms(answers[2].json);
      restoreFocus(spot);
      state.refreshes += 1;
      document.body.dataset.refreshes = String(state.refreshes);
      text(byId('refreshed'), new Date().toLocaleTimeString());
    }).finally(function () {
      state.running = false;
      if (state.again) { state.again = false; refresh(); }
    });
  }

  // ---- header and cards --------------------------------------------------------------------------------

  function renderHeader(health, system) {
    var status = (health && health.status) || 'unknown';
    var badge = byId('badge');
    badge.className = 'badge ' + (['healthy', 'degraded', 'down'].indexOf(status) >= 0 ? status : 'unknown');
    badge.textContent = status;
    badge.dataset.status = status;
    var source = system || health || {};
    text(byId('version'), source.version);
    text(byId('uptime'), duration(source.uptime));
    var service = source.service || 'Vigil';
    document.title = service + ' · Monitoring';
    text(byId('service'), service);
    text(byId('who'), (may('trigger-action') ? 'operator' : 'read-only') + (state.session ? ' (host session)' : ''));
  }

  function card(id, level, stateText, detail) {
    var node = byId(id);
    node.className = 'card ' + level;
    text(node.querySelector('.state'), stateText);
    text(node.querySelector('.detail'), detail);
  }

  function latest(metrics, group, name) {
    var entries = (metrics && metrics[group]) || [];
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].name === name && !entries[i].tags) { return entries[i].value; }
    }
    return null;
  }

  function level(status) {
    return status === 'healthy' || status === 'up' ? 'ok' : status === 'degraded' ? 'warn' : status ? 'bad' : '';
  }

  function renderCards(system, metrics) {
    if (!system) { return; }
    var db = system.database || {};
    var dbDetail = [db.message, typeof db.connections === 'number' ? db.connections + (db.max ? '/' + db.max : '') + ' connections' : null]
      .filter(Boolean).join(' · ');
    card('card-database', level(db.status), db.status ? db.status.toUpperCase() : 'NOT CONFIGURED',
      dbDetail || 'Add a DataSource to see the database here.');

    var jobs = system.jobs || [];
    var running = jobs.filter(function (j) { return j.running; }).length;
    var failed = jobs.filter(function (j) { return j.lastOutcome === 'failed' || j.lastOutcome === 'failure'; }).length;
    var badJobs = jobs.filter(function (j) { return j.check && j.check.status && j.check.status !== 'up'; }).length;
    card('card-jobs', jobs.length === 0 ? '' : failed || badJobs ? 'warn' : 'ok',
      jobs.length === 0 ? 'NO JOBS' : running ? 'RUNNING' : 'IDLE',
      jobs.length === 0 ? 'Jobs appear once they report through monitor.jobs().' : jobs.length + ' jobs · ' + failed + ' failed last run');

    var p95 = latest(metrics, 'api', 'http.latency.p95');
    var errors = latest(metrics, 'api', 'http.error.ratio');
    var rps = latest(metrics, 'api', 'http.rps');
    var apiLevel = errors === null ? '' : errors > 0.1 ? 'bad' : errors > 0.05 || (p95 !== null && p95 > 1000) ? 'warn' : 'ok';
    card('card-api', apiLevel, apiLevel === 'bad' ? 'FAILING' : apiLevel === 'warn' ? 'DEGRADED' : apiLevel ? 'HEALTHY' : 'NO TRAFFIC',
      p95 === null ? 'Request metrics appear once requests are traced.'
        : 'p95 ' + millis(p95) + ' · errors ' + percent(errors) + ' · ' + (rps === null ? '–' : rps.toFixed(1)) + ' req/s');

    var cpu = latest(metrics, 'system', 'system.cpu.usage');
    var memory = latest(metrics, 'system', 'system.memory.usage');
    var disk = latest(metrics, 'system', 'disk.usage');
    var worst = Math.max(cpu || 0, memory || 0, disk || 0);
    card('card-server', cpu === null && memory === null ? '' : worst > 0.9 ? 'bad' : worst > 0.8 ? 'warn' : 'ok',
      'CPU ' + percent(cpu), 'memory ' + percent(memory) + ' · disk ' + percent(disk));
  }

  // ---- charts ------------------------------------------------------------------------------------------

  var COLORS = ['#1f5fa8', '#b42318', '#1e7a3c', '#8a5a00', '#6b3fa0'];

  /**
   * Marks deployments on a time axis: a dashed vertical line and the version at each deployment time inside the
   * chart's range (options.plugins.deployments.marks, [{x, label}]).
   */
  var deploymentMarkers = {
    id: 'deployments',
    afterDatasetsDraw: function (chart, args, options) {
      var marks = (options && options.marks) || [];
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      if (!x || !area) { return; }
      ctx.save();
      ctx.strokeStyle = '#6b3fa0';
      ctx.fillStyle = '#6b3fa0';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.font = '11px system-ui, sans-serif';
      var rows = []; // right edge of the last label on each text row: close deployments' labels go one row lower
      marks.slice().sort(function (a, b) { return a.x - b.x; }).forEach(function (mark) {
        if (mark.x < x.min || mark.x > x.max) { return; }
        var at = Math.round(x.getPixelForValue(mark.x)) + 0.5;
        ctx.beginPath();
        ctx.moveTo(at, area.top);
        ctx.lineTo(at, area.bottom);
        ctx.stroke();
        var width = ctx.measureText(mark.label).width;
        var left = Math.max(area.left, Math.min(at + 3, area.right - width));
        var row = 0;
        while (rows[row] !== undefined && rows[row] > left - 4) { row++; }
        rows[row] = left + width;
        ctx.fillText(mark.label, left, area.top + 10 + row * 12);
      });
      ctx.restore();
    }
  };

  function lineChart(id, labels, options) {
    // at most 6 ticks on round times (1 min, 5 min... 5 days): otherwise two ticks can show the same minute
    function alignTimeTicks(axis) {
      var span = axis.max - axis.min;
      var step = TICK_STEPS.find(function (candidate) { return span / candidate <= 6; }) || TICK_STEPS[TICK_STEPS.length - 1];
      var ticks = [];
      for (var at = Math.ceil(axis.min / step) * step; at <= axis.max; at += step) {
        ticks.push({ value: at });
      }
      if (ticks.length > 1) {
        axis.ticks = ticks;
      }
    }
    var chart = new window.Chart(byId(id), {
      type: options.type || 'line',
      plugins: [deploymentMarkers],
      data: { datasets: labels.map(function (label, i) {
        return { label: label, data: [], borderColor: COLORS[i], backgroundColor: COLORS[i], pointRadius: 0, borderWidth: 2 };
      }) },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false, normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', afterBuildTicks: alignTimeTicks, ticks: { maxTicksLimit: 6, callback: function (value) {
            var date = new Date(value);
            return state.range === '1h' || state.range === '24h'
              ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
              : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
          } } },
          y: options.format ? { beginAtZero: true, suggestedMax: options.max, ticks: { callback: options.format } }
            : { beginAtZero: true }
        },
        plugins: { legend: { display: labels.length > 1, position: 'bottom' }, deployments: { marks: [] } }
      }
    });
    return chart;
  }

  function ensureCharts() {
    if (window.vigilCharts || !window.Chart) { return; }
    var ratio = function (value) { return percent(value); };
    window.vigilCharts = {
      latency: lineChart('chart-latency', ['p50 (slowest route)', 'p95 (all routes)', 'p99 (slowest route)'], {}),
      errors: lineChart('chart-errors', ['error ratio'], { type: 'bar', max: 0.05, format: ratio }),
      rps: lineChart('chart-rps', ['requests/s'], {}),
      system: lineChart('chart-system', ['CPU', 'memory', 'disk'], { max: 1, format: ratio }),
      jobs: ganttChart()
    };
  }

  /** A metric's series over the range; request metrics of one platform when a platform is chosen. */
  function series(name, agg, byPlatform) {
    var platform = byPlatform && state.platform ? '&platform=' + encodeURIComponent(state.platform) : '';
    return api('/api/admin/metrics?name=' + encodeURIComponent(name) + '&range=' + state.range + '&agg=' + agg + platform)
      .then(function (answer) {
        if (!answer.ok) { throw new Error((answer.json && answer.json.message) || 'metrics answered ' + answer.status); }
        return answer.json.series || [];
      });
  }

  /** One line: the series without tags, or the highest value of all tagged series at each time. */
  function points(list) {
    var untagged = list.filter(function (s) { return !s.tags || Object.keys(s.tags).length === 0; });
    var source = untagged.length ? untagged : list;
    var byTime = {};
    source.forEach(function (s) {
      s.points.forEach(function (p) {
        if (typeof p[1] === 'number' && (byTime[p[0]] === undefined || p[1] > byTime[p[0]])) { byTime[p[0]] = p[1]; }
      });
    });
    return Object.keys(byTime).map(Number).sort(function (a, b) { return a - b; })
      .map(function (t) { return { x: t, y: byTime[t] }; });
  }

  var RANGES = { '1h': 3600000, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

  /** The points of each line; the time axis always spans the chosen range, also while a chart has no points. */
  function fill(chart, lists) {
    lists.forEach(function (list, i) { chart.data.datasets[i].data = points(list); });
    var now = Date.now();
    chart.options.scales.x.min = now - (RANGES[state.range] || 3600000);
    chart.options.scales.x.max = now;
    chart.update('none');
  }

  function refreshCharts() {
    ensureCharts();
    var charts = window.vigilCharts;
    if (!charts) { return Promise.reject(new Error('Chart.js did not load')); }
    return Promise.all([
      series('http.route.latency.p50', 'max', true), series('http.latency.p95', 'max', true),
      series('http.route.latency.p99', 'max', true),
      series('http.error.ratio', 'avg', true), series('http.rps', 'avg', true),
      series('system.cpu.usage', 'avg'), series('system.memory.usage', 'avg'), series('disk.usage', 'avg')
    ]).then(function (s) {
      fill(charts.latency, [s[0], s[1], s[2]]);
      fill(charts.errors, [s[3]]);
      fill(charts.rps, [s[4]]);
      fill(charts.system, [s[5], s[6], s[7]]);
    });
  }

  // ---- alerts ------------------------------------------------------------------------------------------

  function renderAlerts(answer) {
    var body = byId('alerts').querySelector('tbody');
    if (!answer.json || answer.error) { return; }
    var all = [].concat(answer.json.critical || [], answer.json.warnings || [], answer.json.info || []);
    all.sort(function (a, b) { return (b.since || '').localeCompare(a.since || ''); });
    all = all.slice(0, MAX_ALERTS);
    if (unchanged('alerts', all)) { return; }
    clear(body);
    all.forEach(function (alert) {
      var row = el('tr');
      row.dataset.alertId = alert.id;
      row.dataset.rule = alert.rule;
      row.appendChild(el('td', 'time', time(alert.firedAt || alert.since)));
      var sev = el('td');
      sev.appendChild(el('span', 'sev ' + alert.severity, alert.severity));
      row.appendChild(sev);
      var labels = alert.labels || {};
      row.appendChild(el('td', null, labels.check || labels.route || labels.job || alert.rule));
      row.appendChild(el('td', null, alert.message));
      row.appendChild(el('td', 'alert-state', alert.acknowledged ? alert.state + ', acknowledged'
        + (alert.acknowledgedBy ? ' by ' + alert.acknowledgedBy : '') : alert.state));
      var cell = el('td');
      if (!alert.acknowledged && may('alerts.ack')) {
        var ack = el('button', 'ack', 'Acknowledge');
        ack.type = 'button';
        ack.dataset.focus = 'ack:' + alert.id;
        ack.setAttribute('aria-label', 'Acknowledge ' + alert.rule);
        ack.addEventListener('click', function () {
          ack.disabled = true;
          api('/api/admin/alerts/' + encodeURIComponent(alert.id) + '/ack', { method: 'POST', body: {} })
            .then(function (result) {
              if (!result.ok) {
                showResult(false, (result.json && result.json.message) || 'Acknowledge failed');
                ack.disabled = false;
              }
              return refresh();
            }, function (error) { showResult(false, String(error.message || error)); ack.disabled = false; });
        });
        cell.appendChild(ack);
      }
      row.appendChild(cell);
      body.appendChild(row);
    });
    byId('alerts-empty').hidden = all.length > 0;
  }

  // ---- incidents ---------------------------------------------------------------------------------------

  function incidentButton(incident, verb, label) {
    var button = el('button', 'quiet', label);
    button.type = 'button';
    button.dataset.focus = verb + ':' + incident.id;
    button.addEventListener('click', function () {
      button.disabled = true;
      api('/api/admin/incidents/' + encodeURIComponent(incident.id) + '/' + verb, { method: 'POST', body: {} })
        .then(function (result) {
          if (!result.ok) {
            showResult(false, (result.json && result.json.message) || label + ' failed');
            button.disabled = false;
          }
          return refresh();
        }, function (error) { showResult(false, String(error.message || error)); });
    });
    return button;
  }

  function renderIncidents(answer) {
    var body = byId('incidents').querySelector('tbody');
    var empty = byId('incidents-empty');
    if (answer.error || unchanged('incidents', [answer.status, answer.json])) { return; }
    clear(body);
    if (!answer.ok || !answer.json) {
      text(byId('incident-count'), 0);
      empty.hidden = false;
      empty.textContent = 'Incidents are off here (monitor.incidents.enabled).';
      return;
    }
    var list = answer.json.incidents || [];
    text(byId('incident-count'), answer.json.count === undefined ? list.length : answer.json.count);
    list.forEach(function (incident) {
      var row = el('tr');
      row.appendChild(el('td', null, incident.title));
      var sev = el('td');
      sev.appendChild(el('span', 'sev ' + String(incident.severity).toLowerCase(), incident.severity));
      row.appendChild(sev);
      row.appendChild(el('td', null, incident.count));
      row.appendChild(el('td', 'time', time(incident.firstSeen)));
      row.appendChild(el('td', 'time', time(incident.lastSeen)));
      row.appendChild(el('td', null, incident.status));
      var cell = el('td');
      if (incident.status !== 'acknowledged' && may('incidents.ack')) {
        cell.appendChild(incidentButton(incident, 'ack', 'Acknowledge'));
      }
      if (may('incidents.resolve')) { cell.appendChild(incidentButton(incident, 'resolve', 'Resolve')); }
      row.appendChild(cell);
      body.appendChild(row);
    });
    empty.hidden = list.length > 0;
  }

  // ---- job timeline ------------------------------------------------------------------------------------

  var OUTCOME_COLORS = { success: '#2f8f4e', failure: '#b42318', running: '#1f5fa8' };

  /** A Gantt of job runs: one row per job, one floating bar per run from its start to its end. */
  function ganttChart() {
    return new window.Chart(byId('chart-jobs'), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: 'runs', data: [], backgroundColor: [], borderColor: [], borderWidth: 0,
        minBarLength: 4, barPercentage: 0.7, categoryPercentage: 0.9, grouped: false }] },
      options: {
        indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', afterBuildTicks: function (axis) {
            var step = 4 * 3600000, ticks = [];
            for (var at = Math.ceil(axis.min / step) * step; at <= axis.max; at += step) { ticks.push({ value: at }); }
            axis.ticks = ticks;
          }, ticks: { callback: function (value) {
            return new Date(value).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
          } } },
          y: { type: 'category', ticks: { autoSkip: false } }
        },
        plugins: {
          legend: { display: false },
          deployments: { marks: [] },
          tooltip: { callbacks: { label: function (item) {
            var run = item.raw.run;
            return run.job + ': ' + run.outcome + ', ' + millis(run.durationMs) + ' from ' + time(run.startedAt)
              + (run.error ? ' — ' + run.error : '');
          } } }
        }
      },
      plugins: [deploymentMarkers]
    });
  }

  function renderGantt(answer) {
    var chart = window.vigilCharts && window.vigilCharts.jobs;
    if (!chart || answer.error || !answer.json) { return; }
    var runs = answer.json.runs || [];
    var now = Date.parse(answer.json.now) || Date.now();
    var jobs = [];
    runs.forEach(function (run) { if (jobs.indexOf(run.job) < 0) { jobs.push(run.job); } });
    jobs.sort();
    var dataset = chart.data.datasets[0];
    dataset.data = runs.map(function (run) {
      var start = Date.parse(run.startedAt);
      var end = run.endedAt ? Date.parse(run.endedAt) : now;
      return { x: [start, Math.max(end, start + 1)], y: run.job, run: run };
    });
    dataset.backgroundColor = runs.map(function (run) { return OUTCOME_COLORS[run.outcome] || '#56606e'; });
    chart.data.labels = jobs;
    chart.options.scales.x.min = now - DAY;
    chart.options.scales.x.max = now;
    byId('gantt-box').className = 'gantt rows-' + Math.min(Math.max(jobs.length, 1), 8);
    chart.canvas.setAttribute('aria-label', 'Job runs over the last 24 hours: ' + runs.length + ' runs of '
      + jobs.length + ' jobs, ' + runs.filter(function (r) { return r.outcome === 'failure'; }).length + ' failed');
    chart.update('none');
    byId('jobs-empty').hidden = runs.length > 0;
  }

  // ---- check strips and health events ------------------------------------------------------------------

  function renderStrips(answer) {
    var list = byId('check-strips');
    if (answer.error || !answer.json) { return; }
    clear(list);
    var checks = answer.json.checks || [];
    checks.forEach(function (check) {
      var item = el('li', 'strip-row');
      item.dataset.check = check.name;
      var name = el('span', 'strip-name', check.name);
      if (check.critical) { name.appendChild(el('span', 'tag', 'critical')); }
      item.appendChild(name);
      var strip = el('span', 'strip');
      strip.setAttribute('role', 'img');
      var downs = check.runs.filter(function (r) { return r.status === 'down'; }).length;
      strip.setAttribute('aria-label', check.name + ': last ' + check.runs.length + ' runs, ' + downs + ' down, now '
        + check.status);
      check.runs.forEach(function (run) {
        var cell = el('span', 'cell ' + run.status);
        cell.title = time(run.at) + ' · ' + run.status + ' · ' + millis(run.durationMs)
          + (run.message ? ' · ' + run.message : '');
        strip.appendChild(cell);
      });
      item.appendChild(strip);
      item.appendChild(el('span', 'strip-state ' + level(check.status), check.status));
      list.appendChild(item);
    });
    byId('checks-empty').hidden = checks.length > 0;
  }

  /**
   * Health events of the last 24 hours: alerts firing and resolving. Resolved ones older than a day are no longer
   * asked for, so they clear themselves; what still fires stays listed.
   */
  function renderEvents(history, active) {
    var list = byId('health-events');
    if (history.error || !history.json) { return; }
    clear(list);
    var events = (history.json.history || []).filter(function (t) {
      return t.change === 'state' && (t.to === 'firing' || t.to === 'resolved');
    });
    events.sort(function (a, b) { return (b.at || '').localeCompare(a.at || ''); });
    events.slice(0, 30).forEach(function (event) {
      var alert = event.alert || {};
      var item = el('li', 'event ' + (event.to === 'resolved' ? 'resolved' : alert.severity));
      item.appendChild(el('span', 'time', time(event.at)));
      var what = el('span', 'event-text');
      what.appendChild(el('span', 'sev ' + (event.to === 'resolved' ? 'resolved' : alert.severity),
        event.to === 'resolved' ? 'resolved' : alert.severity));
      what.appendChild(document.createTextNode(' ' + (alert.message || alert.rule)));
      item.appendChild(what);
      list.appendChild(item);
    });
    byId('events-empty').hidden = events.length > 0;
  }

  // ---- security events and deployments -----------------------------------------------------------------

  function renderSecurity(answer) {
    var body = byId('security-events').querySelector('tbody');
    if (answer.error || !answer.json) { return; }
    clear(body);
    var events = answer.json.events || [];
    events.forEach(function (event) {
      var row = el('tr');
      row.dataset.type = event.type;
      row.appendChild(el('td', 'time', time(event.time)));
      row.appendChild(el('td', null, String(event.type).replace(/_/g, ' ')));
      var sev = el('td');
      sev.appendChild(el('span', 'sev ' + event.severity, event.severity));
      row.appendChild(sev);
      row.appendChild(el('td', null, [event.user, event.ip].filter(Boolean).join(' @ ') || '–'));
      row.appendChild(el('td', null, event.route || '–'));
      row.appendChild(el('td', null, event.count));
      body.appendChild(row);
    });
    byId('security-empty').hidden = events.length > 0;
  }

  function renderDeployments(answer) {
    var body = byId('deployments').querySelector('tbody');
    if (answer.error || !answer.json) { return; }
    clear(body);
    var deployments = answer.json.deployments || [];
    deployments.forEach(function (deployment) {
      var row = el('tr');
      row.dataset.version = deployment.version;
      row.appendChild(el('td', 'time', time(deployment.time)));
      row.appendChild(el('td', null, deployment.version));
      row.appendChild(el('td', 'mono', deployment.commit ? String(deployment.commit).substring(0, 10) : '–'));
      row.appendChild(el('td', null, deployment.environment || '–'));
      row.title = deployment.description || '';
      body.appendChild(row);
    });
    byId('deployments-empty').hidden = deployments.length > 0;
    var marks = deployments.map(function (d) { return { x: Date.parse(d.time), label: d.version }; });
    var charts = window.vigilCharts || {};
    Object.keys(charts).forEach(function (name) {
      charts[name].options.plugins.deployments.marks = marks;
      charts[name].update('none');
    });
  }

  // ---- platforms ---------------------------------------------------------------------------------------

  /** The platform selector appears once request metrics carry a platform tag (monitor.requests.platform-header). */
  function renderPlatforms(metrics) {
    if (!metrics) { return; }
    var found = state.platforms.slice();
    Object.keys(metrics).forEach(function (group) {
      if (!Array.isArray(metrics[group])) { return; }
      metrics[group].forEach(function (entry) {
        var platform = entry.tags && entry.tags.platform;
        if (platform && found.indexOf(platform) < 0) { found.push(platform); }
      });
    });
    found.sort();
    if (found.join('\n') === state.platforms.join('\n')) { return; }
    state.platforms = found;
    var select = byId('platform');
    while (select.options.length > 1) { select.remove(1); }
    found.forEach(function (platform) {
      var option = el('option', null, platform);
      option.value = platform;
      select.appendChild(option);
    });
    select.value = state.platform;
    select.hidden = byId('platform-label').hidden = found.length === 0;
  }

  // ---- actions -----------------------------------------------------------------------------------------

  function title(id) {
    return String(id).split(/[_\-.]/).filter(Boolean).map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); })
      .join(' ');
  }

  function renderActions(answer) {
    var box = byId('all-actions');
    if (answer.error || !answer.json) { return; }
    var list = (answer.json.actions || []).map(function (a) {
      return { id: a.id, label: title(a.id), description: a.description, critical: !!a.requiresApproval };
    });
    state.actions = {};
    list.forEach(function (a) { state.actions[a.id] = a; });
    if (unchanged('actions', list)) { return; }
    clear(box);
    byId('actions-empty').hidden = list.length > 0;
    var select = byId('approve-action');
    var chosen = select.value;
    clear(select);
    list.filter(function (a) { return a.critical; }).forEach(function (a) {
      var option = el('option', null, a.label);
      option.value = a.id;
      select.appendChild(option);
    });
    if (chosen) { select.value = chosen; }
    if (!may('trigger-action')) {
      list.forEach(function (a) { box.appendChild(el('span', 'chip', a.label)); });
      return;
    }
    list.forEach(function (a) { box.appendChild(actionButton(a, 'action quiet')); });
  }

  /**
   * The critical actions waiting for a second person (GET /api/admin/approvals, which lists no tokens). Another
   * operator's request gets "Approve…", which fills in the approval form with its action and parameters; the token
   * still comes from the requester. The caller's own request waits for another person.
   */
  function renderApprovals(answer) {
    var box = byId('approvals-waiting');
    if (answer.error || !answer.json) { return; }
    var list = answer.json.approvals || [];
    if (unchanged('approvals', [list, state.caller])) { return; }
    clear(box);
    if (list.length === 0) { box.appendChild(el('li', 'empty', 'Nothing is waiting for approval.')); }
    list.forEach(function (approval) {
      var item = el('li');
      item.dataset.action = approval.action;
      item.dataset.requestedBy = approval.requestedBy;
      var params = Object.keys(approval.params || {}).length ? ' ' + JSON.stringify(approval.params) : '';
      item.appendChild(el('span', null, title(approval.action) + params + ', requested by ' + approval.requestedBy
        + ', until ' + time(approval.expiresAt)));
      if (state.caller !== null && approval.requestedBy === state.caller) {
        item.appendChild(el('span', 'own', 'waiting for another person'));
      } else {
        var button = el('button', 'quiet', 'Approve…');
        button.type = 'button';
        button.dataset.focus = 'approve:' + approval.auditId;
        button.setAttribute('aria-label', 'Approve ' + title(approval.action) + ' requested by ' + approval.requestedBy);
        button.addEventListener('click', function () {
          state.approving = { action: approval.action, params: approval.params || {} };
          byId('approve-action').value = approval.action;
          byId('approve-token').focus();
        });
        item.appendChild(button);
      }
      box.appendChild(item);
    });
  }

  // ---- query console -----------------------------------------------------------------------------------

  byId('query-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var query = byId('query').value.trim();
    var error = byId('query-error');
    var table = byId('query-result');
    if (!query) { return; }
    byId('query-run').disabled = true;
    api('/api/admin/run-query', { method: 'POST', body: { query: query } }).then(function (result) {
      var answer = result.json || {};
      if (!result.ok) {
        table.hidden = true;
        error.hidden = false;
        error.textContent = (answer.error ? answer.error + ': ' : '') + (answer.message || 'answered ' + result.status);
        error.dataset.error = answer.error || String(result.status);
        return;
      }
      error.hidden = true;
      var head = table.querySelector('thead tr'), body = table.querySelector('tbody');
      clear(head); clear(body);
      (answer.columns || []).forEach(function (c) { var th = el('th', null, c); th.scope = 'col'; head.appendChild(th); });
      (answer.rows || []).forEach(function (r) {
        var row = el('tr');
        r.forEach(function (v) { row.appendChild(el('td', null, v === null ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : v)); });
        body.appendChild(row);
      });
      table.hidden = false;
      text(byId('query-info'), (answer.rows || []).length + ' rows' + (answer.truncated ? ' (cut at the row limit)' : '')
        + ', run as ' + (answer.who || 'you') + ' and audited.');
    }, function (failure) {
      error.hidden = false;
      error.textContent = String(failure.message || failure);
    }).finally(function () { byId('query-run').disabled = false; });
  });

  // ---- briefing and actions ----------------------------------------------------------------------------

  function renderBriefing(answer) {
    var critical = byId('briefing-critical');
    var recommendations = byId('briefing-recommendations');
    var actions = byId('briefing-actions');
    if (answer.error) { return; }
    var shown = answer.ok && answer.json ? [answer.json.alerts && answer.json.alerts.critical, answer.json.recommendations,
      answer.json.actions, state.actions] : answer.status;
    if (unchanged('briefing', shown)) { return; }
    clear(critical); clear(recommendations); clear(actions);
    var briefing = answer.ok && answer.json;
    if (!briefing) {
      critical.appendChild(el('li', 'empty', 'The briefing is off here (monitor.briefing.enabled).'));
      return;
    }
    var alerts = (briefing.alerts && briefing.alerts.critical) || [];
    if (alerts.length === 0) { critical.appendChild(el('li', 'empty', 'No critical alerts today.')); }
    alerts.forEach(function (alert) { critical.appendChild(el('li', null, alert.message)); });
    var recs = briefing.recommendations || [];
    if (recs.length === 0) { recommendations.appendChild(el('li', 'empty', 'Nothing to do.')); }
    recs.forEach(function (rec) { recommendations.appendChild(el('li', null, rec.text)); });
    var offered = (briefing.actions || []).filter(function (a) { return a.suggested; });
    if (offered.length === 0) {
      actions.appendChild(el('p', 'empty', 'No action is suggested. Actions are registered with monitor.actions.'));
    } else if (!may('trigger-action')) {
      actions.appendChild(el('p', 'empty', 'Suggested: ' + offered.map(function (a) { return a.label; }).join(', ')
        + '. An operator runs them.'));
      return;
    }
    offered.forEach(function (action) {
      var known = state.actions[action.id] || {};
      actions.appendChild(actionButton(Object.assign({}, action, { critical: !!known.critical }), 'action'));
    });
  }

  function actionButton(action, className) {
    var label = action.label || action.id;
    var button = el('button', className, label);
    button.type = 'button';
    button.dataset.action = action.id;
    button.dataset.focus = 'action:' + action.id;
    button.title = action.description || '';
    if (action.critical) {
      button.classList.add('critical');
      button.setAttribute('aria-label', label + ' (critical: needs a second person\'s approval)');
    }
    button.addEventListener('click', function () { confirmAction(action, button); });
    return button;
  }

  function confirmAction(action, from) {
    state.pendingAction = action;
    state.returnFocus = from ? focusSpot(from) : null;
    var label = action.label || action.id;
    text(byId('confirm-title'), 'Run "' + label + '"?');
    text(byId('confirm-text'), (action.description || '') + ' (action ' + action.id + ')'
      + (action.critical ? '. It is critical: it runs once a second person approves it.' : ''));
    text(byId('confirm-run'), action.critical ? 'Request approval' : 'Run');
    byId('confirm').showModal();
    byId('confirm-run').focus();
  }

  byId('confirm').addEventListener('close', function () {
    var action = state.pendingAction;
    state.pendingAction = null;
    restoreFocus(state.returnFocus);
    state.returnFocus = null;
    if (!action || this.returnValue !== 'run') { return; }
    trigger(action.id, action.label || action.id, {});
  });

  function trigger(id, label, extra) {
    var body = Object.assign({ action: id }, extra);
    return api('/api/admin/trigger-action', { method: 'POST', body: body }).then(function (result) {
      var outcome = result.json || {};
      var node = byId('action-result');
      if (outcome.status === 'pending_approval') {
        showResult(true, label + ': awaits approval by a second person. Give them this approval token (valid until '
          + time(outcome.approvalExpiresAt) + '): ' + outcome.approvalToken);
        node.className = 'result pending';
        node.dataset.approvalToken = outcome.approvalToken;
        byId('approve-action').value = id;
        refresh(); // the request joins the waiting list
      } else {
        var done = result.ok && outcome.status === 'succeeded';
        showResult(done, label + ': ' + (outcome.status || outcome.error || result.status)
          + (outcome.message ? ' — ' + outcome.message : '') + (outcome.reason ? ' (' + outcome.reason + ')' : '')
          + (outcome.approvalNote ? ' ' + outcome.approvalNote : ''));
        delete node.dataset.approvalToken;
        if (done) { refresh(); }
      }
      node.dataset.outcome = outcome.status || outcome.error || String(result.status);
      return outcome;
    }, function (error) { showResult(false, String(error.message || error)); });
  }

  byId('approve-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var token = byId('approve-token').value.trim();
    var id = byId('approve-action').value;
    if (!token || !id) { return; }
    var chosen = state.approving && state.approving.action === id ? state.approving.params : null;
    var extra = chosen ? { params: chosen, approvalToken: token } : { approvalToken: token };
    trigger(id, id, extra).then(function (outcome) {
      if (outcome && outcome.status === 'succeeded') { byId('approve-token').value = ''; state.approving = null; }
    });
  });

  function showResult(ok, message) {
    var node = byId('action-result');
    node.hidden = false;
    node.className = 'result ' + (ok ? 'ok' : 'refused');
    node.textContent = message;
  }

  // ---- start -------------------------------------------------------------------------------------------

  /**
   * Whether the host's own login session already opens the admin API. The public health answer shows every check
   * only to a caller with the role read, so only then is the (otherwise refused, and logged) admin call made.
   */
  function trySession() {
    return api('/api/health', { anonymous: true }).then(function (health) {
      if (!health.json || !Array.isArray(health.json.services)) { return null; }
      return api('/api/admin/operations', { anonymous: true }).then(function (answer) {
        return answer.ok ? answer : null;
      });
    }).catch(function () { return null; });
  }

  if (sessionStorage.getItem(TOKEN_KEY)) {
    openWith(null).then(showDashboard, function (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(error instanceof Unauthorized ? 'Refused: ' + error.message : '');
    });
  } else {
    trySession().then(function (operations) {
      if (operations) {
        state.session = true;
        showDashboard(operations);
      } else {
        showLogin('');
      }
    });
  }
}());
