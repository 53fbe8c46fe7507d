/*
 * Vigil user-facing notices. Include once per page:
 *   <script src="/api/notices.js" defer></script>
 * Optional attributes: data-interval="30" (seconds between re-checks), data-sample-rate="0.1" (share of
 * page loads reported; default: what the notice answer says).
 * It asks /api/notices whether this page's area is being looked after and, while it is, shows the message
 * as a small dismissible banner; it reports the page's load time (Navigation Timing) to /api/notices/beacon.
 * Strict-CSP friendly: no eval, no inline style attributes (styles are set through element.style), no
 * request to any other origin.
 */
(function () {
  "use strict";
  if (window.__vigilNotices) {
    return;
  }
  window.__vigilNotices = true;

  var script = document.currentScript;
  var base = "/api/notices";
  var contextPath = ""; // where the application is mounted, e.g. /shop: areas are paths inside it
  if (script && script.src) {
    var src = new URL(script.src, location.href);
    if (src.origin === location.origin && /\.js$/.test(src.pathname)) {
      base = src.pathname.replace(/\.js$/, "");
      if (/\/api\/notices$/.test(base)) {
        contextPath = base.slice(0, base.length - "/api/notices".length);
      }
    }
  }

  function pagePath() {
    var path = location.pathname;
    if (contextPath && path.indexOf(contextPath + "/") === 0) {
      path = path.slice(contextPath.length);
    }
    return path;
  }
  function attribute(name) {
    return script ? script.getAttribute(name) : null;
  }
  var intervalSeconds = Math.max(5, parseInt(attribute("data-interval"), 10) || 30);
  var pageSampleRate = parseFloat(attribute("data-sample-rate"));
  var serverSampleRate = null;
  var banner = null;
  var shownKey = null;
  var beaconSent = false;

  function dismissedKey(notice) {
    return "vigil-notice-dismissed:" + notice.area + ":" + notice.since;
  }

  function isDismissed(notice) {
    try {
      return window.sessionStorage.getItem(dismissedKey(notice)) === "1";
    } catch (e) {
      return false;
    }
  }

  function rememberDismissed(key) {
    try {
      window.sessionStorage.setItem(key, "1");
    } catch (e) {
      // storage unavailable: the banner comes back on the next check
    }
  }

  function style(element, properties) {
    for (var name in properties) {
      if (Object.prototype.hasOwnProperty.call(properties, name)) {
        element.style[name] = properties[name];
      }
    }
  }

  function hide() {
    if (banner && banner.parentNode) {
      banner.parentNode.removeChild(banner);
    }
    banner = null;
    shownKey = null;
  }

  function dismiss() {
    if (shownKey) {
      rememberDismissed(shownKey);
    }
    hide();
  }

  function show(notice) {
    var key = dismissedKey(notice);
    if (shownKey === key) {
      return;
    }
    hide();
    banner = document.createElement("div");
    banner.id = "vigil-notice";
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
    banner.setAttribute("data-area", notice.area);
    style(banner, {
      position: "fixed", left: "50%", bottom: "24px", transform: "translateX(-50%)", zIndex: "2147483000",
      maxWidth: "min(560px, calc(100vw - 32px))", boxSizing: "border-box", display: "flex", alignItems: "center",
      gap: "16px", padding: "14px 18px", borderRadius: "12px", background: "rgba(24, 28, 38, 0.92)",
      color: "#f4f6fb", boxShadow: "0 10px 30px rgba(0, 0, 0, 0.25)", font: "15px/1.45 system-ui, sans-serif",
      opacity: "0", transition: "opacity 400ms ease"
    });
    var text = document.createElement("span");
    text.className = "vigil-notice-message";
    text.textContent = notice.message;
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss this message");
    close.textContent = "\u00d7";
    style(close, {
      flex: "none", border: "0", borderRadius: "8px", background: "rgba(255, 255, 255, 0.12)", color: "inherit",
      font: "inherit", fontSize: "18px", lineHeight: "1", width: "32px", height: "32px", cursor: "pointer"
    });
    close.addEventListener("click", dismiss);
    banner.appendChild(text);
    banner.appendChild(close);
    document.body.appendChild(banner);
    shownKey = key;
    window.requestAnimationFrame(function () {
      if (banner) {
        banner.style.opacity = "1";
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (banner && (event.key === "Escape" || event.key === "Esc")) {
      dismiss();
    }
  });

  function check() {
    var url = base + "?path=" + encodeURIComponent(pagePath());
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) {
          return;
        }
        if (typeof answer.sampleRate === "number") {
          serverSampleRate = answer.sampleRate;
        }
        if (answer.active && !isDismissed(answer)) {
          show(answer);
        } else if (!answer.active) {
          hide();
        }
      })
      .catch(function () {
        // offline or the service is restarting: try again at the next interval
      });
  }

  function sampleRate() {
    if (!isNaN(pageSampleRate)) {
      return Math.min(1, Math.max(0, pageSampleRate));
    }
    return serverSampleRate;
  }

  function reportLoad() {
    if (beaconSent || !window.performance || !performance.getEntriesByType) {
      return;
    }
    var entry = performance.getEntriesByType("navigation")[0];
    if (!entry || !(entry.loadEventEnd > 0)) {
      return;
    }
    var rate = sampleRate();
    if (rate === null) {
      return; // the beacon is off on the server
    }
    beaconSent = true;
    if (Math.random() >= rate) {
      return;
    }
    var loadMs = Math.round(entry.loadEventEnd - entry.startTime);
    if (loadMs < 0 || loadMs > 600000) {
      return;
    }
    var body = JSON.stringify({ path: pagePath().slice(0, 200), loadMs: loadMs });
    var url = base + "/beacon";
    var sent = false;
    try {
      sent = navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: "application/json" }));
    } catch (e) {
      sent = false;
    }
    if (!sent) {
      fetch(url, {
        method: "POST", keepalive: true, credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: body
      }).catch(function () {
        // a lost sample is fine
      });
    }
  }

  function start() {
    check().then(function () {
      if (document.readyState === "complete") {
        window.setTimeout(reportLoad, 0);
      } else {
        window.addEventListener("load", function () {
          window.setTimeout(reportLoad, 0);
        });
      }
    });
    window.setInterval(check, intervalSeconds * 1000);
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
