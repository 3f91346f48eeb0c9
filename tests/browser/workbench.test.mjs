// The workbench in a real browser: Debian's chromium driven by playwright-core. Opens the page,
// checks the built-in case's forecasts equal `fulcrum forecast --format json`, edits a position
// and sees the forecast change, breaks the YAML and sees the error at its line, runs a sweep
// and watches its progress reach 100%, downloads the report, and saves screenshots at desktop
// and phone width. Exits 77 (skipped) when chromium or node_modules are absent.
// usage: node workbench.test.mjs FULCRUM_BINARY ARTEFACT_DIR
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [fulcrum, artefacts] = process.argv.slice(2);
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromiumPath || !existsSync(join(here, 'node_modules', 'playwright-core'))) {
  console.log('skipped: needs /usr/bin/chromium and tests/browser/node_modules (npm ci in tests/browser)');
  process.exit(77);
}
const { chromium } = createRequire(import.meta.url)('playwright-core');

function check(ok, what) {
  if (!ok) throw new Error('failed: ' + what);
  console.log('ok: ' + what);
}

mkdirSync(artefacts, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'fulcrum-browser-'));
const server = spawn(fulcrum, ['serve', '--port', '0', '--store', join(work, 'runs.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
let browser;
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/open (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error('fulcrum serve exited with ' + code)));
    setTimeout(() => reject(new Error('no address printed')), 60000);
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.setDefaultTimeout(120000);
  await page.goto(url);

  // The built-in case: every model's forecast, as the command line prints it.
  const cli = JSON.parse(execFileSync(fulcrum, ['forecast', '--format', 'json'], { encoding: 'utf8' }));
  await page.waitForFunction((n) => document.querySelectorAll('#forecasts tbody tr').length === n, cli.forecasts.length);
  const shown = () => page.$$eval('#forecasts td[data-model]', (tds) => tds.map((td) => [td.dataset.model, Number(td.dataset.value)]));
  const first = await shown();
  const want = cli.forecasts.map((f) => [f.model + (f.preset ? ':' + f.preset : ''), f.forecast]);
  check(JSON.stringify(first) === JSON.stringify(want), 'the page shows the forecasts of `fulcrum forecast --format json` (' + want.length + ' models)');
  await page.waitForSelector('#chart-issue svg');
  check(true, 'the issue chart is drawn');
  await page.screenshot({ path: join(artefacts, 'workbench-desktop.png'), fullPage: true });

  // Edit a position in the table: the forecast changes, and the text follows.
  const before = JSON.stringify(first);
  await page.fill('input[data-actor="RUS"][data-field="position"]', '60');
  await page.dispatchEvent('input[data-actor="RUS"][data-field="position"]', 'change');
  await page.waitForFunction((b) => {
    const v = [...document.querySelectorAll('#forecasts td[data-model]')].map((td) => [td.dataset.model, Number(td.dataset.value)]);
    return v.length && JSON.stringify(v) !== b;
  }, before);
  check(true, 'moving Russia to 60 changes the forecast');
  const text = await page.inputValue('#text');
  // An estimate with a declared uncertainty keeps it: {"value": 60, "sd": ...}.
  check(/id: "RUS"[^-]*?"?position"?: (\{"value": )?60\b/.test(text), 'the YAML text carries the new position');

  // Break the YAML: the error shows at its line.
  const lines = text.split('\n');
  const bad = lines.findIndex((l) => /^actors:/.test(l)) + 2; // 1-based line after "actors:"
  lines[bad - 1] = '  - {id: [unclosed';
  await page.fill('#text', lines.join('\n'));
  await page.waitForFunction(() => document.querySelector('#error').textContent.length > 0);
  const errLine = Number(await page.getAttribute('#error', 'data-line'));
  const marked = await page.$eval('#gutter .bad', (e) => e.textContent.trim());
  check(errLine >= bad && errLine <= bad + 1 && marked === String(errLine), 'the YAML error is shown at line ' + errLine + ' (broken line ' + bad + ')');
  await page.fill('#text', text);
  await page.waitForFunction(() => document.querySelector('#error').textContent === '');

  // A sweep: progress up to 100%, then its table.
  await page.click('button[data-tab="sweep"]');
  await page.fill('#runs', '4000');
  const seen = [];
  await page.click('#run-sweep');
  for (;;) {
    const v = await page.$eval('#sweep-progress', (p) => p.value);
    if (!seen.length || seen[seen.length - 1] !== v) seen.push(v);
    if (v >= 100) break;
    await page.waitForTimeout(30);
  }
  await page.waitForSelector('#sweep tr td');
  check(seen[seen.length - 1] === 100 && seen.every((v, i) => !i || v >= seen[i - 1]), 'the sweep progress rose to 100% (' + seen.join(', ') + ')');
  check((await page.textContent('#sweep-percent')) === '100%', 'the sweep shows 100%');
  await page.waitForSelector('#chart-sweep svg');

  // Download the report.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-download="report"]')]);
  const saved = join(artefacts, 'report.html');
  await download.saveAs(saved);
  check(/^<!DOCTYPE html>/i.test(readFileSync(saved, 'utf8')), 'the HTML report downloads');

  // The dilemma, verdict first, and the run history.
  await page.click('button[data-tab="dilemma"]');
  await page.click('#run-dilemma');
  await page.waitForSelector('#verdict p');
  check(true, 'the dilemma shows its verdict');
  const verdictText = await page.textContent('#verdict');
  check(/^The either\/or: .+ beats .+ in \d+% of \d+ runs/.test(verdictText), 'the dilemma opens with the either/or');
  await page.click('button[data-tab="runs"]');
  await page.waitForSelector('#runs-table tbody tr');
  check(true, 'the run history lists the runs');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('button[data-tab="forecast"]');
  await page.screenshot({ path: join(artefacts, 'workbench-phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, 'no sideways scrolling at phone width');
  check(problems.length === 0, 'no script errors (' + problems.join('; ') + ')');
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
