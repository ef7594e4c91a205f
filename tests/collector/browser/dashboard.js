// SPDX-License-Identifier: MIT
// A clinician's first minute with the dashboard, in Debian's headless
// Chromium driven by playwright-core: open the dashboard (sent to sign in),
// sign in, see the new emergency alert with its patient code, acknowledge
// it, turn on sound and notifications, see a new alert arrive on the open
// page without a reload (with a tone and a notification), then a call for
// staff the same way, marked answered, and another alert on a
// page without EventSource (the 5-second fallback), open the first
// patient's chart. Screenshots of each step go to OUT_DIR at
// a tablet's size. Any failed expectation, console error (a blocked style
// sheet shows up there as a CSP violation) or failed request fails the run.
//
// Environment: BASE (http://127.0.0.1:PORT), USER_NAME, USER_PASSWORD,
// PATIENT_CODE, KIOSK_ID, OUT_DIR, NPM_DIR (where run.sh installed
// playwright-core), SEED, TOKEN and CLINIC_PUB (web_seed and its
// arguments, run again for the live alert).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(process.env.NPM_DIR, 'node_modules', 'playwright-core'));

const env = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set`);
  return process.env[name];
};
const BASE = env('BASE');
const CODE = env('PATIENT_CODE');
const OUT = env('OUT_DIR');

function expect(cond, what) {
  if (!cond) throw new Error(`expected: ${what}`);
  console.log(`ok - ${what}`);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 820, height: 1180 }, // a tablet held upright
    deviceScaleFactor: 1,
  });
  const problems = [];
  await context.grantPermissions(['notifications'], { origin: BASE });
  // Count the tones and notifications the page makes (the real ones still run).
  await context.addInitScript(() => {
    window.__notes = [];
    window.__tones = 0;
    const Real = window.Notification;
    if (Real) {
      const Counted = function (title, opts) { window.__notes.push(title); return new Real(title, opts); };
      Object.defineProperty(Counted, 'permission', { get: () => Real.permission });
      Counted.requestPermission = (...a) => Real.requestPermission(...a);
      window.Notification = Counted;
    }
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...a) { window.__tones++; return start.apply(this, a); };
  });
  const page = context.pages()[0] || await context.newPage();
  try {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // Leaving the alerts page cuts its live stream: that is no failure.
      if (!r.url().endsWith('/alerts/events')) problems.push(`request failed: ${r.url()}`);
    });

    // Not signed in: any page sends us to the sign-in form.
    await page.goto(`${BASE}/alerts`);
    expect(new URL(page.url()).pathname === '/signin', 'the dashboard asks to sign in first');
    await page.screenshot({ path: path.join(OUT, 'signin.png') });
    await page.fill('#name', env('USER_NAME'));
    await page.fill('#password', env('USER_PASSWORD'));
    await Promise.all([page.waitForURL(/\/alerts$/), page.click('form.signin button')]);

    // The new alert, with its patient, kiosk and what triggered it.
    const alert = page.locator('article.alert.open', { hasText: CODE });
    expect(await alert.count() === 1, `one open alert for patient ${CODE}`);
    const text = await alert.innerText();
    expect(/Emergency/.test(text), 'the alert says Emergency');
    expect(text.includes(env('KIOSK_ID')), 'the alert names its kiosk');
    expect(/Breathing or swelling now: Yes/.test(text), 'the alert says what triggered it, in the words the patient chose');
    expect(/Patient was told\s*“Please tell the front desk now”/.test(text), 'the alert says what the patient was told');
    const bg = await page.locator('header.top').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg !== 'rgba(0, 0, 0, 0)', 'the style sheet is applied');
    await page.screenshot({ path: path.join(OUT, 'alerts.png'), fullPage: true });

    // Acknowledge it: the page comes back saying who and when.
    await Promise.all([page.waitForURL(/\/alerts/), alert.locator('button', { hasText: 'Acknowledge' }).click()]);
    const done = page.locator('article.alert', { hasText: CODE });
    const doneText = await done.innerText();
    expect(/Acknowledged by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC/.test(doneText),
      'the alert now says who acknowledged it and when');
    expect(await page.locator('article.alert.open').count() === 0, 'no alert is left open');
    await page.screenshot({ path: path.join(OUT, 'after-ack.png'), fullPage: true });

    // Live: the page listens; sound and notifications are turned on; a new
    // red flag sent by a kiosk appears without a reload, with a tone and a
    // notification.
    await page.locator('#live-status', { hasText: 'Live:' }).waitFor({ timeout: 5000 });
    expect(true, 'the alerts page says it is live');
    await page.click('#live-enable');
    await page.locator('#live-enable', { hasText: 'Sound and notifications are on' }).waitFor({ timeout: 5000 });
    expect(true, 'sound and notifications are turned on by a click');
    let navigations = 0;
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
    const code2 = execFileSync(env('SEED'), [BASE, env('TOKEN'), env('CLINIC_PUB')]).toString().trim();
    expect(/^[0-9A-Z]{8}$/.test(code2) && code2 !== CODE, `a kiosk sent a new red flag (patient ${code2})`);
    const live = page.locator('article.alert.open', { hasText: code2 });
    await live.waitFor({ timeout: 5000 });
    expect(navigations === 0, 'the new alert arrived within 5 s without a reload');
    expect(/Patient was told\s*“Please tell the front desk now”/.test(await live.innerText()),
      'the new alert says what the patient was told');
    expect(await page.evaluate(() => window.__tones) > 0, 'a tone played');
    const notes = await page.evaluate(() => window.__notes);
    expect(notes.some((t) => t.includes(code2)), `a notification was raised (${notes.join('; ')})`);
    await page.screenshot({ path: path.join(OUT, 'live-alert.png'), fullPage: true });

    // A call for staff from a kiosk's red-flag screen arrives the same way:
    // above every alert, with a tone and a notification; marked answered,
    // it says who.
    const tones = await page.evaluate(() => window.__tones);
    const callUuid = require('crypto').randomUUID();
    const sent = await fetch(`${BASE}/api/v1/records`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env('TOKEN')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [{ uuid: callUuid, kind: 'call',
        created_at: Math.floor(Date.now() / 1000), patient: null }] }),
    });
    const answer = await sent.json();
    expect(sent.status === 200 && answer.accepted.includes(callUuid), 'the collector took a call for staff');
    const call = page.locator('article.alert.open.staff-call');
    await call.waitFor({ timeout: 5000 });
    expect(navigations === 0, 'the call arrived within 5 s without a reload');
    expect(/1 call for staff at/.test(await page.locator('#live-status').innerText()),
      'the page says a call for staff came in');
    expect(await page.locator('article.alert').first().getAttribute('id') === `c-${callUuid}`,
      'the call stands above every alert');
    const callText = await call.innerText();
    expect(/Staff needed at the kiosk/.test(callText) && callText.includes(env('KIOSK_ID')),
      'the call says staff are needed, and at which kiosk');
    expect(await page.evaluate(() => window.__tones) > tones, 'a tone played for the call');
    expect((await page.evaluate(() => window.__notes)).some((t) => t.startsWith('Staff needed')),
      'a notification was raised for the call');
    await page.screenshot({ path: path.join(OUT, 'live-call.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/alerts/), call.locator('button', { hasText: 'Mark answered' }).click()]);
    expect(/Answered by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC/.test(await page.locator(`#c-${callUuid}`).innerText()),
      'the call now says who answered it and when');
    expect(await page.locator('article.alert.open.staff-call').count() === 0, 'no call is left open');

    // The fallback: a browser without EventSource (or a proxy that eats the
    // stream) checks every 5 seconds, and the next alert still arrives.
    const old = await context.newPage();
    old.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await old.addInitScript(() => { delete window.EventSource; });
    await old.goto(`${BASE}/alerts`);
    await old.locator('#live-status', { hasText: 'every 5 seconds' }).waitFor({ timeout: 5000 });
    expect(true, 'without a stream the page says it checks every 5 seconds');
    let oldNavigations = 0;
    old.on('framenavigated', (f) => { if (f === old.mainFrame()) oldNavigations++; });
    const code3 = execFileSync(env('SEED'), [BASE, env('TOKEN'), env('CLINIC_PUB')]).toString().trim();
    await old.locator('article.alert.open', { hasText: code3 }).waitFor({ timeout: 12000 });
    expect(oldNavigations === 0, 'the fallback brought the next alert without a reload');
    await old.close();

    // The patient's page: charts with a point per report.
    await Promise.all([page.waitForURL(new RegExp(`/patients/${CODE}$`)), done.locator(`a.code`).click()]);
    expect(await page.locator('h1').innerText() === `Patient ${CODE}`, 'the patient page opens');
    const pain = page.locator('figure.chart', { has: page.locator('h3', { hasText: /^Pain$/ }) });
    expect(await pain.locator('svg circle').count() === 3, 'the pain chart has a point per report');
    expect(await page.locator('.note').first().innerText().then((t) => t.includes('<script>')),
      "the note's HTML is shown as text");
    const thumbs = page.locator('.photos img');
    expect(await thumbs.count() === 2, 'both photos are shown');
    expect(await thumbs.first().evaluate((i) => i.complete && i.naturalWidth > 0), 'a thumbnail loads');
    await page.screenshot({ path: path.join(OUT, 'patient.png'), fullPage: true });

    // Side by side.
    await page.click('text=Compare two photos side by side');
    await page.locator('input[name=a]').first().check();
    await page.locator('input[name=b]').nth(1).check();
    await Promise.all([page.waitForURL(/compare\?a=/), page.click('button:has-text("Compare")')]);
    expect(await page.locator('.compare img').count() === 2, 'two photos side by side');
    await page.screenshot({ path: path.join(OUT, 'compare.png'), fullPage: true });

    // Kiosk health and the audit trail of this visit.
    await page.click('nav >> text=Kiosks');
    expect(await page.locator('section.card', { hasText: env('KIOSK_ID') }).count() === 1,
      'the kiosk is listed');
    await page.screenshot({ path: path.join(OUT, 'kiosks.png'), fullPage: true });
    await page.click('nav >> text=Audit');
    const audit = await page.locator('table').innerText();
    expect(/acknowledge-alert/.test(audit) && /view-patient/.test(audit), 'the audit log shows this visit');
    await page.screenshot({ path: path.join(OUT, 'audit.png'), fullPage: true });

    expect(problems.length === 0, `no console errors or failed requests (${problems.join('; ')})`);
  } catch (e) {
    // What the clinician would have seen, to tell why.
    const seen = await page.locator('body').innerText().catch(() => '');
    console.error(`on ${page.url()}:\n${seen}\n${problems.join('\n')}`);
    await page.screenshot({ path: path.join(OUT, 'failed.png'), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`not ok - ${e.message}`);
  process.exit(1);
});
