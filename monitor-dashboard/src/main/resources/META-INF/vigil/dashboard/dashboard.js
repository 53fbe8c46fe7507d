/*
 * Vigil dashboard. Reads the admin API with the token the user typed (kept in sessionStorage for this tab,
 * sent only as "Authorization: Bearer", never in a URL) and redraws in place every refresh interval.
 * The refresh interval is the body's data-refresh-seconds, or ?refresh=<seconds> on the page's URL.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'vigil.dashboard.token';
  var MAX_ALERTS = 20;
  var byId = function (id) { return document.getElementById(id); };
  var TICK_STEPS = [60000, 300000, 600000, 1800000, 3600000, 14400000, 43200000, 86400000, 432000000];
  var state = { timer: null, paused: false, running: false, refreshes: 0, range: '1h', pendingAction: null };

  function refreshSeconds() {
    var fromQuery = Number(new URLSearchParams(location.search).get('refresh'));
    var fromPage = Number(document.body.dataset.refreshSeconds);
    var seconds = fromQuery > 0 ? fromQuery : (fromPage > 0 ? fromPage : 30);
    return Math.max(1, Math.min(seconds, 3600));
  }

  function Unauthorized(message) { this.message = message; }

  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json', 'Authorization': 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(path, {
      method: options.method || 'GET', headers: headers, credentials: 'same-origin', cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (response.status === 401 || response.status === 403) {
          throw new Unauthorized((json && json.message) || 'The token was refused (' + response.status + ').');
        }
        return { status: response.status, ok: response.ok, json: json };
      });
    });
  }

  function text(element, value) { element.textContent = value === null || value === undefined ? '–' : String(value); }

  function clear(element) { while (element.firstChild) { element.removeChild(element.firstChild); } }

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
    byId('dashboard').hidden = true;
    byId('login').hidden = false;
    var error = byId('login-error');
    error.hidden = !message;
    error.textContent = message || '';
    byId('token').focus();
  }

  function showDashboard() {
    byId('login').hidden = true;
    byId('login-error').hidden = true;
    byId('dashboard').hidden = false;
    ensureCharts();
    refresh();
    startTimer();
  }

  byId('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var token = byId('token').value.trim();
    if (!token) { return; }
    sessionStorage.setItem(TOKEN_KEY, token);
    api('/api/admin/system-health').then(function () {
      byId('token').value = '';
      showDashboard();
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

  function settle(promise) {
    return promise.then(function (answer) { return answer; }, function (error) { return { error: error }; });
  }

  function refresh() {
    if (state.running) { return Promise.resolve(); }
    state.running = true;
    var calls = [
      settle(api('/api/health')), settle(api('/api/admin/system-health')), settle(api('/api/admin/metrics')),
      settle(api('/api/admin/alerts')), settle(api('/api/admin/incidents?status=open')),
      settle(api('/api/admin/briefing/now'))
    ];
    return Promise.all(calls.concat([settle(refreshCharts())])).then(function (answers) {
      answers = answers.map(function (a) { return a || {}; });
      var refused = answers.filter(function (a) { return a.error instanceof Unauthorized; });
      if (refused.length > 0) {
        sessionStorage.removeItem(TOKEN_KEY);
        showLogin('Refused: ' + refused[0].error.message);
        return;
      }
      var failed = answers.filter(function (a) { return a.error; });
      var banner = byId('load-error');
      banner.hidden = failed.length === 0;
      banner.textContent = failed.length ? 'Some data could not be loaded: ' + failed[0].error : '';
      renderHeader(answers[0].json, answers[1].json);
      renderCards(answers[1].json, answers[2].json);
      renderAlerts(answers[3]);
      renderIncidents(answers[4]);
      renderBriefing(answers[5]);
      state.refreshes += 1;
      document.body.dataset.refreshes = String(state.refreshes);
      text(byId('refreshed'), new Date().toLocaleTimeString());
    }).finally(function () { state.running = false; });
  }

  // ---- header and cards --------------------------------------------------------------------------------

  function renderHeader(health, system) {
    var status = (health && health.status) || 'unknown';
    var badge = byId('badge');
    badge.className = 'badge ' + (['healthy', 'degraded', 'down'].indexOf(status) >= 0 ? status : 'unknown');
    badge.textContent = status;
    badge.dataset.status = status;
    var source = health || system || {};
    text(byId('version'), source.version);
    text(byId('uptime'), duration(source.uptime));
    var service = document.title = 'Monitoring · ' + (source.service || 'Vigil');
    text(byId('service'), service.replace('Monitoring · ', '') + ' monitoring');
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
        plugins: { legend: { display: labels.length > 1, position: 'bottom' } }
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
      system: lineChart('chart-system', ['CPU', 'memory', 'disk'], { max: 1, format: ratio })
    };
  }

  function series(name, agg) {
    return api('/api/admin/metrics?name=' + encodeURIComponent(name) + '&range=' + state.range + '&agg=' + agg)
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

  function fill(chart, lists) {
    lists.forEach(function (list, i) { chart.data.datasets[i].data = points(list); });
    chart.update('none');
  }

  function refreshCharts() {
    ensureCharts();
    var charts = window.vigilCharts;
    if (!charts) { return Promise.reject(new Error('Chart.js did not load')); }
    return Promise.all([
      series('http.route.latency.p50', 'max'), series('http.latency.p95', 'max'), series('http.route.latency.p99', 'max'),
      series('http.error.ratio', 'avg'), series('http.rps', 'avg'),
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
      if (!alert.acknowledged) {
        var ack = el('button', 'ack', 'Acknowledge');
        ack.type = 'button';
        ack.setAttribute('aria-label', 'Acknowledge ' + alert.rule);
        ack.addEventListener('click', function () {
          ack.disabled = true;
          api('/api/admin/alerts/' + encodeURIComponent(alert.id) + '/ack', { method: 'POST', body: {} })
            .then(function (result) {
              if (!result.ok) { showResult(false, (result.json && result.json.message) || 'Acknowledge failed'); }
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
    button.addEventListener('click', function () {
      button.disabled = true;
      api('/api/admin/incidents/' + encodeURIComponent(incident.id) + '/' + verb, { method: 'POST', body: {} })
        .then(function (result) {
          if (!result.ok) { showResult(false, (result.json && result.json.message) || label + ' failed'); }
          return refresh();
        }, function (error) { showResult(false, String(error.message || error)); });
    });
    return button;
  }

  function renderIncidents(answer) {
    var body = byId('incidents').querySelector('tbody');
    var empty = byId('incidents-empty');
    if (answer.error) { return; }
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
      if (incident.status !== 'acknowledged') { cell.appendChild(incidentButton(incident, 'ack', 'Acknowledge')); }
      cell.appendChild(incidentButton(incident, 'resolve', 'Resolve'));
      row.appendChild(cell);
      body.appendChild(row);
    });
    empty.hidden = list.length > 0;
  }

  // ---- briefing and actions ----------------------------------------------------------------------------

  function renderBriefing(answer) {
    var critical = byId('briefing-critical');
    var recommendations = byId('briefing-recommendations');
    var actions = byId('briefing-actions');
    if (answer.error) { return; }
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
    }
    offered.forEach(function (action) {
      var button = el('button', 'action', action.label);
      button.type = 'button';
      button.dataset.action = action.id;
      button.title = action.description;
      button.addEventListener('click', function () { confirmAction(action); });
      actions.appendChild(button);
    });
  }

  function confirmAction(action) {
    state.pendingAction = action;
    text(byId('confirm-title'), 'Run "' + action.label + '"?');
    text(byId('confirm-text'), action.description + ' (action ' + action.id + ')');
    byId('confirm').showModal();
  }

  byId('confirm').addEventListener('close', function () {
    var action = state.pendingAction;
    state.pendingAction = null;
    if (!action || this.returnValue !== 'run') { return; }
    api('/api/admin/trigger-action', { method: 'POST', body: { action: action.id } }).then(function (result) {
      var outcome = result.json || {};
      var done = result.ok && (outcome.status === 'success' || outcome.status === 'succeeded' || outcome.status === 'ok');
      showResult(result.ok, action.label + ': ' + (outcome.status || result.status)
        + (outcome.message ? ' — ' + outcome.message : '') + (outcome.reason ? ' (' + outcome.reason + ')' : ''));
      byId('action-result').dataset.outcome = outcome.status || String(result.status);
      if (done) { refresh(); }
    }, function (error) { showResult(false, String(error.message || error)); });
  });

  function showResult(ok, message) {
    var node = byId('action-result');
    node.hidden = false;
    node.className = 'result ' + (ok ? 'ok' : 'refused');
    node.textContent = message;
  }

  // ---- start -------------------------------------------------------------------------------------------

  if (sessionStorage.getItem(TOKEN_KEY)) {
    api('/api/admin/system-health').then(showDashboard, function (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(error instanceof Unauthorized ? 'Refused: ' + error.message : '');
    });
  } else {
    showLogin('');
  }
}());
