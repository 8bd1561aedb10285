// The dashboard as a person sees it: `vsoko dashboard` on the hand-checked fixtures of
// fixtures/dynamics (expected values from reference.py, not from vsoko) opened in Debian's
// headless Chromium from a file (offline): the numbers shown must equal the reference, and the
// page must make no request. Then a 2,000-school region for the screenshot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const cli = process.env.VSOKO_CLI ?? join(root, "target/debug/vsoko");
const fixtures = join(root, "fixtures/dynamics");
const out = join(root, "target");

test("the dashboard shows the reference numbers, offline", async () => {
  mkdirSync(out, { recursive: true });
  const small = join(out, "dashboard-fixture.html");
  execFileSync(cli, ["dashboard", "--methodology-file", join(fixtures, "methodology.json"),
    join(fixtures, "2023.csv"), join(fixtures, "2024.csv"), "-o", small], { stdio: "pipe" });
  const expected = JSON.parse(readFileSync(join(fixtures, "expected.json"), "utf8"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
    await page.goto(pathToFileURL(small).href);
    // The page writes numbers as people read them in Russian (decimal comma, non-breaking
    // spaces in thousands); read back for comparing with the machine form.
    const shown = async (key) => (await page.locator(`[data-k="${key}"]`).first().textContent()).trim()
      .replace(/\u00a0/g, "").replace(",", ".");
    assert.equal(await shown("schools"), String(expected.schools.length));
    for (const m of expected.municipalities) {
      for (const [period, mean] of Object.entries(m.mean)) {
        assert.equal(await shown(`mean:${m.municipality}:${period}`), mean, `${m.municipality} ${period}`);
        assert.equal(await shown(`median:${m.municipality}:${period}`), m.median[period]);
      }
    }
    const fell = expected.schools.filter((s) => s.delta !== null && Number(s.delta) < 0);
    assert.equal(await shown("fell"), String(fell.length));
    for (const s of fell) assert.equal(await shown(`delta:${s.school}`), s.delta);
    const single = expected.schools.filter((s) => Object.keys(s.totals).length === 1).length;
    assert.equal(await shown("single"), String(single));
    await page.screenshot({ path: join(out, "dashboard-fixture.png"), fullPage: true });

    // A region of 2,000 schools in 10 municipalities: what a head would open.
    const region = join(out, "dyn-2000");
    execFileSync("python3", [join(root, "benches/gen_dynamics.py"), "2000", region]);
    const big = join(out, "dashboard.html");
    execFileSync(cli, ["dashboard", join(region, "2023.csv"), join(region, "2024.csv"), "-o", big], { stdio: "pipe" });
    const json = JSON.parse(execFileSync(cli, ["dynamics", join(region, "2023.csv"), join(region, "2024.csv"), "--format", "json"],
      { maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] }).toString());
    await page.goto(pathToFileURL(big).href);
    for (const p of json.rating.places) assert.equal(await shown(`rating:${p.municipality}`), p.value);
    assert.equal(await page.locator("section.mun").count(), json.municipalities.length);
    await page.screenshot({ path: join(out, "dashboard.png"), fullPage: false });
    assert.ok(statSync(big).size < 5 * 1024 * 1024);
    assert.deepEqual(requests, [], "the dashboard makes no request");
  } finally {
    await browser.close();
  }
});

test("with a context the dashboard shows resilient schools and each school against its group", async () => {
  mkdirSync(out, { recursive: true });
  const file = join(out, "dashboard-context.html");
  execFileSync(cli, ["dashboard", "--methodology-file", join(fixtures, "methodology.json"),
    join(fixtures, "2023.csv"), join(fixtures, "2024.csv"), "-o", file,
    "--context-file", join(fixtures, "context.csv"), "--context", "location,social_index", "--bands", "2"],
  { stdio: "pipe" });
  const expected = JSON.parse(readFileSync(join(fixtures, "expected_context.json"), "utf8"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    const shown = async (key) => (await page.locator(`[data-k="${key}"]`).first().textContent()).trim()
      .replace(/\u00a0/g, "").replace(",", ".");
    const card = page.locator("section", { hasText: "Резильентные школы" });
    assert.ok(await card.isVisible(), "the resilient-schools card is shown");
    assert.equal(await shown("resilient"), String(expected.ratings.resilient.length));
    for (const r of expected.ratings.resilient) assert.equal(await shown(`resilient:${r.school}`), r.value);
    for (const u of expected.ratings.units) {
      assert.equal(await shown(`group:${u.municipality}:${u.school}`), u.value, u.school);
      const place = await shown(`place_in_group:${u.municipality}:${u.school}`);
      const size = expected.groups.find((g) => g.group === u.group).schools;
      assert.equal(place, `${u.place_in_group} из ${size}`, u.school);
    }
    await card.screenshot({ path: join(out, "dashboard-resilient.png") });
    await page.locator("section.mun").first().screenshot({ path: join(out, "dashboard-groups.png") });
  } finally {
    await browser.close();
  }
});
