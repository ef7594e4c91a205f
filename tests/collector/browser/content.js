// SPDX-License-Identifier: MIT
// Content rollout from the dashboard, in Debian's headless Chromium driven
// by playwright-core, against the real collector checking and previewing
// with the real kiosk binary (vet): a staff member sees the Content page
// without its forms; a publisher uploads a bundle with a missing
// translation and sees the problem as file:line; uploads the shipped
// content as a folder and sees every page drawn, and that they may not
// approve their own upload; a second publisher approves it and rolls it
// out to one kiosk, sees that kiosk say "downloading" in its heartbeat,
// then rolls it out to every kiosk; a changed bundle shows its changed
// pages side by side; a remote screenshot is asked for and arrives.
// Screenshots of each step go to OUT_DIR. Any failed expectation, console
// error (a CSP violation shows there) or failed request fails the run.
//
// Environment: BASE, OUT_DIR, NPM_DIR, TOKEN, KIOSK_ID, STAFF_NAME and
// STAFF_PASSWORD (no role), PUB1/PUB1_PASSWORD and PUB2/PUB2_PASSWORD
// (publishers), BAD_BUNDLE (version 1, a page missing a translation),
// GOOD_DIR (the shipped content folder, packed by the collector as 2),
// CHANGED_BUNDLE (version 3, one title changed), SHOT_PNG (a picture the
// "kiosk" sends as its screenshot).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(path.join(process.env.NPM_DIR, 'node_modules', 'playwright-core'));

const env = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set`);
  return process.env[name];
};
const BASE = env('BASE');
const OUT = env('OUT_DIR');
const KIOSK = env('KIOSK_ID');
const CHECK_MS = 180000; // a check and a preview of every page: about 25 s here

function expect(cond, what) {
  if (!cond) throw new Error(`expected: ${what}`);
  console.log(`ok - ${what}`);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, name), fullPage: true });
}

async function signIn(page, name, password) {
  await page.goto(`${BASE}/signin`);
  await page.fill('#name', name);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/\/alerts$/), page.click('form.signin button')]);
}

async function signOut(page) {
  await Promise.all([page.waitForURL(/\/signin$/), page.click('form.signout button')]);
}

// What the kiosk says in its heartbeat, and what the collector answers.
async function heartbeat(content) {
  const res = await fetch(`${BASE}/api/v1/heartbeat`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env('TOKEN')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ version: '0.1.0', content_version: 'x', content }),
  });
  expect(res.status === 200, 'the kiosk\'s heartbeat is taken');
  return res.json();
}

async function upload(page, input, files, note) {
  await page.goto(`${BASE}/content`);
  await page.setInputFiles(input, files);
  const form = page.locator('form.upload', { has: page.locator(input) });
  await form.locator('input[name=note]').fill(note);
  await Promise.all([page.waitForURL(/\/content\/\d+$/), form.locator('button').click()]);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 }, // IT's desk
    deviceScaleFactor: 1,
  });
  const problems = [];
  const page = context.pages()[0] || await context.newPage();
  try {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => {
      // Leaving the alerts page (where signing in lands) cuts its live stream.
      if (!r.url().endsWith('/alerts/events')) problems.push(`request failed: ${r.url()}`);
    });

    // Staff: the page, no forms, and who may act.
    await signIn(page, env('STAFF_NAME'), env('STAFF_PASSWORD'));
    await page.click('nav >> text=Content');
    expect(await page.locator('h1').innerText() === 'Content', 'the Content page is in the nav');
    expect(/Only an account with the publisher role/.test(await page.locator('main').innerText()),
      'a staff member is told who may act');
    expect(await page.locator('form.upload').count() === 0, 'a staff member has no upload form');
    await shot(page, 'content-staff.png');
    await signOut(page);

    // A publisher uploads a bundle with a problem: checking, then the problem.
    await signIn(page, env('PUB1'), env('PUB1_PASSWORD'));
    const bad = await upload(page, '#bundle', env('BAD_BUNDLE'), 'Shorter what-is page');
    expect(bad === 1, 'the bundle is stored as version 1');
    expect(/Checking/.test(await page.locator('main').innerText()), 'the page says it is checking');
    await shot(page, 'content-checking.png');
    await page.locator('#problems').waitFor({ timeout: CHECK_MS });
    const listed = await page.locator('ol.problems').innerText();
    expect(/pages\/20-what-is\.lua:\d+: .*fr/.test(listed),
      `the missing translation is listed as file:line (${listed.split('\n')[0]})`);
    expect(await page.locator('form[action="/content/approve"]').count() === 0,
      'a version with problems has no approve button');
    await shot(page, 'content-problems.png');

    // The shipped content as a folder: packed, checked, every page drawn.
    const good = await upload(page, '#folder', env('GOOD_DIR'), 'The shipped guide');
    expect(good === 2, 'the folder is packed as version 2');
    await page.locator('#preview').waitFor({ timeout: CHECK_MS });
    // The preview is on disk a moment before the check's outcome is stored:
    // wait for the page that no longer says it is checking.
    await page.getByText('You uploaded this version').waitFor({ timeout: CHECK_MS });
    const sheet = page.locator('figure.sheet img');
    await sheet.evaluate((i) => i.complete || new Promise((ok) => { i.onload = ok; }));
    expect(await sheet.evaluate((i) => i.naturalWidth > 1000), 'the contact sheet of every page loads');
    expect(/You uploaded this version: another publisher must approve it/.test(
      await page.locator('main').innerText()), 'the uploader may not approve (four eyes)');
    expect(await page.locator('form[action="/content/approve"]').count() === 0,
      'the uploader has no approve button');
    await shot(page, 'content-preview.png');
    await signOut(page);

    // A second publisher approves, then rolls out to one kiosk.
    await signIn(page, env('PUB2'), env('PUB2_PASSWORD'));
    await page.goto(`${BASE}/content/2`);
    await Promise.all([page.waitForURL(/\/content\/2$/), page.click('button:has-text("Approve version 2")')]);
    expect(/Approved by/.test(await page.locator('dl.facts').innerText()), 'version 2 is approved');
    await page.selectOption('#kiosk', KIOSK);
    await Promise.all([page.waitForURL(/\/content\/2$/), page.click('button:has-text("Roll out to this kiosk")')]);
    expect((await page.locator('dl.facts').innerText()).includes(`Kiosk ${KIOSK}`),
      'version 2 is rolled out to one kiosk');
    const answer = await heartbeat({ shown: 0, state: 'downloading', offered: 2, problem: '' });
    expect(answer.content && answer.content.version === 2, 'the kiosk is offered version 2');
    await page.reload();
    expect(/downloading \(version 2\)/.test(await page.locator('table.rollout').innerText()),
      'the kiosk\'s own word shows: downloading');
    await shot(page, 'content-rollout.png');
    await Promise.all([page.waitForURL(/\/content\/2$/), page.click('button:has-text("Roll out to every kiosk")')]);
    expect(/All kiosks/.test(await page.locator('dl.facts').innerText()), 'then to every kiosk');
    await heartbeat({ shown: 2, state: 'showing', offered: 2, problem: '' });

    // A changed title: its pages side by side with what kiosks show.
    const changed = await upload(page, '#bundle', env('CHANGED_BUNDLE'), 'A clearer title');
    expect(changed === 3, 'the changed bundle is version 3');
    await page.locator('#changes').waitFor({ timeout: CHECK_MS });
    const heading = await page.locator('#changes').innerText();
    expect(/Changed pages \([1-9]\d*\)/.test(heading), `the changed pages are listed (${heading})`);
    const diff = page.locator('figure.diff img').first();
    await diff.evaluate((i) => i.complete || new Promise((ok) => { i.onload = ok; }));
    expect(await diff.evaluate((i) => i.naturalWidth > 0), 'a before | after picture loads');
    await shot(page, 'content-diff.png');

    // A remote screenshot: asked for, waited for, shown.
    await page.goto(`${BASE}/content`);
    await page.selectOption('#shot-kiosk', KIOSK);
    await Promise.all([page.waitForURL(/\/content/), page.click('button:has-text("Take a screenshot")')]);
    expect(/Waiting for the kiosk/.test(await page.locator('.shots').innerText()),
      'the page waits for the kiosk');
    const asked = await heartbeat({ shown: 2, state: 'showing', offered: 2, problem: '' });
    expect(/^[0-9a-f]{32}$/.test(asked.screenshot || ''), 'the kiosk is asked for a screenshot');
    const put = await fetch(`${BASE}/api/v1/screenshot/${asked.screenshot}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${env('TOKEN')}`, 'Content-Type': 'image/png' },
      body: fs.readFileSync(env('SHOT_PNG')),
    });
    expect(put.status === 200, 'the kiosk sends its screen');
    await page.locator('.shot img').first().waitFor({ timeout: 15000 }); // the page refreshes itself
    expect(await page.locator('.shot img').first().evaluate((i) => i.naturalWidth > 0),
      'the screenshot shows on the page');
    await shot(page, 'content-screenshot.png');

    // The same page held upright on a tablet.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${BASE}/content/3`);
    await shot(page, 'content-tablet.png');

    expect(problems.length === 0, `no console errors or failed requests (${problems.join('; ')})`);
  } catch (e) {
    const seen = await page.locator('body').innerText().catch(() => '');
    console.error(`on ${page.url()}:\n${seen}\n${problems.join('\n')}`);
    await page.screenshot({ path: path.join(OUT, 'content-failed.png'), fullPage: true }).catch(() => {});
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
