/* SPDX-License-Identifier: MIT */
/*
 * Live alerts for the front desk. The alerts page carries the alerts'
 * version (cstore_alert_version) and loads /live.js, the dashboard's one
 * script (served from here, so the page's Content-Security-Policy allows
 * scripts from this origin only, never inline). The script listens to
 * /alerts/events, a server-sent event stream (chttp_stream.c: suspended
 * between events, bounded in number) that says the version when it
 * opens and again whenever it changes; on a change the script fetches
 * the page, swaps its list of alerts in place, and for each new open
 * alert or call for staff (web_calls.c, cards of the same kind) plays a
 * short tone and raises a browser notification, once the
 * user turned them on (browsers allow sound and ask for notifications
 * only after a click). Where the stream cannot be had (no EventSource,
 * streams full, a proxy in the way) the script fetches every 5 seconds.
 *
 * The version is read from the database about once a second while any
 * stream is open (web_live_tick, on the server's ticker thread), so an
 * alert that reached another collector on the same database shows too.
 */
#include "web.h"
#include "core.h"

#include <stdio.h>
#include <string.h>

void web_live_events(web_ctx *x)
{
	char v[CSTORE_VERSION], first[CSTORE_VERSION + 64];
	if (cstore_alert_version(x->c->db, v) < 0) {
		cresp_text(x->w, 503, NULL, "The alerts could not be read: try again shortly.\n");
		cresp_header(x->w, "Retry-After", "5");
		return;
	}
	snprintf(first, sizeof first, "retry: 3000\n\nevent: alerts\ndata: %s\n\n", v);
	if (cresp_stream(x->w, first) < 0)
		cresp_text(x->w, 500, NULL, "The live stream could not start.\n");
}

void web_live_tick(collector *c, chttp *h)
{
	char v[CSTORE_VERSION], event[CSTORE_VERSION + 32];
	if (cstore_alert_version(c->db, v) < 0 || strcmp(v, c->live_version) == 0)
		return;
	snprintf(c->live_version, sizeof c->live_version, "%s", v);
	snprintf(event, sizeof event, "event: alerts\ndata: %s\n\n", v);
	chttp_publish(h, event);
}

const char web_live_csp[] =
	"default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
	"script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
	"base-uri 'none'";

const char web_live_js[] =
	"'use strict';\n"
	"// The alerts page, live (web_live.c): a stream says when alerts change,\n"
	"// the list is fetched again and swapped in place; new open alerts beep\n"
	"// and raise a notification once the user turned them on.\n"
	"(function () {\n"
	"  var list = document.getElementById('alerts');\n"
	"  if (!list) return;\n"
	"  var status = document.getElementById('live-status');\n"
	"  var button = document.getElementById('live-enable');\n"
	"  var audio = null, polling = null, busy = false, again = false;\n"
	"  function say(text) { if (status) status.textContent = text; }\n"
	"  function beep() {\n"
	"    if (!audio) return;\n"
	"    var t = audio.currentTime;\n"
	"    [0, 0.35].forEach(function (d) {\n"
	"      var o = audio.createOscillator(), g = audio.createGain();\n"
	"      o.frequency.value = 880;\n"
	"      g.gain.setValueAtTime(0.0001, t + d);\n"
	"      g.gain.exponentialRampToValueAtTime(0.3, t + d + 0.02);\n"
	"      g.gain.exponentialRampToValueAtTime(0.0001, t + d + 0.3);\n"
	"      o.connect(g); g.connect(audio.destination);\n"
	"      o.start(t + d); o.stop(t + d + 0.32);\n"
	"    });\n"
	"  }\n"
	"  function notify(card) {\n"
	"    if (!('Notification' in window) || Notification.permission !== 'granted') return;\n"
	"    var code = card.querySelector('a.code');\n"
	"    var level = card.querySelector('.badge.emergency, .badge.call, .badge.staff');\n"
	"    new Notification((level ? level.textContent : 'Alert') + (code ? ': patient ' +\n"
	"      code.textContent : ''), { body: 'New on the alerts page.', tag: card.id });\n"
	"  }\n"
	"  function done() { busy = false; if (again) { again = false; refresh(); } }\n"
	"  function refresh() {\n"
	"    if (busy) { again = true; return; }\n"
	"    busy = true;\n"
	"    fetch('/alerts', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {\n"
	"      if (!r.ok || r.redirected) throw new Error('signed out');\n"
	"      return r.text();\n"
	"    }).then(function (html) {\n"
	"      var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('alerts');\n"
	"      if (!fresh) return;\n"
	"      var seen = {}, added = [];\n"
	"      list.querySelectorAll('article.alert').forEach(function (a) { seen[a.id] = true; });\n"
	"      fresh = document.adoptNode(fresh);\n"
	"      list.replaceWith(fresh);\n"
	"      list = fresh;\n"
	"      list.querySelectorAll('article.alert.open').forEach(function (a) {\n"
	"        if (!seen[a.id]) added.push(a);\n"
	"      });\n"
	"      if (added.length) {\n"
	"        beep();\n"
	"        added.forEach(notify);\n"
	"        var calls = added.filter(function (a) { return a.classList.contains('staff-call'); }).length;\n"
	"        var alerts = added.length - calls, words = [];\n"
	"        if (calls) words.push(calls + ' call' + (calls > 1 ? 's' : '') + ' for staff');\n"
	"        if (alerts) words.push(alerts + ' new alert' + (alerts > 1 ? 's' : ''));\n"
	"        say(words.join(' and ') + ' at ' + new Date().toLocaleTimeString() + '.');\n"
	"      }\n"
	"    }).catch(function () {\n"
	"      if (polling) { clearInterval(polling); polling = null; }\n"
	"      say('Live updates stopped (signed out?): reload the page.');\n"
	"    }).then(done);\n"
	"  }\n"
	"  function poll() {\n"
	"    if (polling) return;\n"
	"    polling = setInterval(refresh, 5000);\n"
	"    say('New alerts are checked for every 5 seconds.');\n"
	"  }\n"
	"  if (!window.EventSource) {\n"
	"    poll();\n"
	"  } else {\n"
	"    var es = new EventSource('/alerts/events');\n"
	"    es.addEventListener('alerts', function (e) {\n"
	"      if (e.data !== list.getAttribute('data-version')) refresh();\n"
	"    });\n"
	"    es.onopen = function () {\n"
	"      if (polling) { clearInterval(polling); polling = null; }\n"
	"      say('Live: new alerts appear on this page by themselves.');\n"
	"    };\n"
	"    es.onerror = function () { if (es.readyState === EventSource.CLOSED) poll(); };\n"
	"  }\n"
	"  function show() {\n"
	"    var n = 'Notification' in window ? Notification.permission : 'unsupported';\n"
	"    button.textContent = audio ? (n === 'granted' ? 'Sound and notifications are on' :\n"
	"      'Sound is on (notifications ' + (n === 'denied' ? 'blocked' : 'off') + ')') :\n"
	"      'Turn on sound and notifications';\n"
	"  }\n"
	"  if (button) {\n"
	"    button.hidden = false;\n"
	"    button.addEventListener('click', function () {\n"
	"      try {\n"
	"        audio = audio || new (window.AudioContext || window.webkitAudioContext)();\n"
	"        audio.resume();\n"
	"      } catch (e) { audio = null; }\n"
	"      if ('Notification' in window && Notification.permission === 'default')\n"
	"        Notification.requestPermission().then(show);\n"
	"      show();\n"
	"    });\n"
	"  }\n"
	"})();\n";
