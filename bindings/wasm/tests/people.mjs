// The «Педагоги и анкеты» tab in Debian's headless Chromium (playwright-core), served by
// `python3 -m http.server` on loopback: picks the teachers' register with a day, then a survey
// definition with two exports, through the page's own file picker, and compares every number and
// date the core's pages show (by their `data-k` keys) with the fixtures' expected JSON (written by
// the fixtures' reference scripts, not by vsoko). Answers without a definition give a note in
// Russian. Saves screenshots into target/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = join(here, "..");
const root = join(wasmDir, "../..");
const fixtures = join(root, "fixtures");
const port = 8900 + Math.floor(Math.random() * 200);
const teachersExpected = JSON.parse(readFileSync(join(fixtures, "teachers/expected.json"), "utf8"));
const surveyExpected = JSON.parse(readFileSync(join(fixtures, "survey/expected.json"), "utf8"));

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

// A day as the page shows it: DD.MM.YYYY; "—" for none.
const ru = (iso) => (iso === null ? "—" : iso.split("-").reverse().join("."));
const decimal = (d) => (d === null ? "—" : d.replace(".", ","));

// Every `data-k` of a frame's page with its text.
async function shown(page, selector) {
  const body = page.frameLocator(selector).locator("body");
  await body.waitFor();
  return body.evaluate((b) => Object.fromEntries([...b.ownerDocument.querySelectorAll("[data-k]")].map((e) => [e.dataset.k, e.textContent])));
}

test("the people tab shows the register and the survey as the fixtures expect", async () => {
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", wasmDir], { stdio: "ignore" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const url = `http://127.0.0.1:${port}/www/`;
    await waitForServer(url);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const external = [];
    const wasmFiles = [];
    page.on("request", (req) => {
      if (!req.url().startsWith(`http://127.0.0.1:${port}/`)) external.push(req.url());
      if (req.url().endsWith(".wasm")) wasmFiles.push(new URL(req.url()).pathname);
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.__vsokoFirstScoreMs !== undefined);
    // The first load is the lean module only.
    assert.deepEqual(wasmFiles, ["/pkg/lean/vsoko_wasm_bg.wasm"]);

    await page.click("#tab-people");
    assert.equal(await page.isVisible("#people-view"), true);
    assert.equal(await page.isVisible("#form"), false);
    assert.equal(await page.inputValue("#people-as-of"), new Date().toISOString().slice(0, 10), "today by default");

    // The register as of 15.01.2025.
    await page.fill("#people-as-of", "2025-01-15");
    await page.setInputFiles("#people-files", join(fixtures, "teachers/register.csv"));
    await page.waitForFunction(() => document.getElementById("people-read").textContent.startsWith("Прочитано"));
    assert.match(await page.textContent("#people-read"), /register\.csv — реестр педагогов/);
    assert.equal(await page.isVisible("#people-survey"), true);
    assert.equal(await page.isVisible("#people-survey iframe"), false, "no survey among the files");
    const frame = page.locator("#people-teachers iframe");
    assert.equal(await frame.isVisible(), true);
    assert.equal(await frame.getAttribute("sandbox"), "allow-same-origin", "no scripts inside");
    const t = await shown(page, "#people-teachers iframe");
    assert.equal(t.as_of, "15.01.2025");
    assert.equal(t.teachers, String(teachersExpected.teachers.length));
    const sh = teachersExpected.shares;
    assert.equal(t["shares:teachers"], String(sh.teachers));
    assert.equal(t["shares:with_category"], String(sh.with_category));
    assert.equal(t["shares:trained_12m"], String(sh.trained_12m));
    assert.equal(t["shares:trained_3y"], String(sh.trained_3y));
    assert.equal(t["shares:trained_3y_pct"], decimal(sh.trained_3y_pct));
    const KIND = { attestation: "аттестация", training: "курсы повышения квалификации" };
    for (const e of teachersExpected.teachers) {
      const until = e.category !== null && e.category_until === null ? "без ограничения" : ru(e.category_until);
      assert.equal(t[`category_until:${e.name}`], until, `${e.name}: category_until`);
      assert.equal(t[`attestation_due:${e.name}`], ru(e.attestation_due), `${e.name}: attestation_due`);
      assert.equal(t[`training_due:${e.name}`], ru(e.training_due), `${e.name}: training_due`);
      assert.equal(t[`overdue:${e.name}`], e.overdue.length ? e.overdue.map((k) => KIND[k]).join(", ") : "—", `${e.name}: overdue`);
    }
    teachersExpected.due.forEach((d, i) => assert.equal(t[`due:${i}`], ru(d.due), `due ${i}`));
    assert.equal(Object.keys(t).filter((k) => k.startsWith("due:")).length, teachersExpected.due.length);
    // Overdue rows are marked for the eye.
    const overdueRows = await page.frameLocator("#people-teachers iframe").locator("tr.overdue").count();
    assert.equal(overdueRows, teachersExpected.teachers.filter((e) => e.overdue.length).length);
    mkdirSync(join(root, "target"), { recursive: true });
    await page.screenshot({ path: join(root, "target/wasm-people-teachers.png"), fullPage: true });
    // The web module came now, not with the page.
    assert.deepEqual(wasmFiles, ["/pkg/lean/vsoko_wasm_bg.wasm", "/pkg/web/vsoko_wasm_bg.wasm"]);

    // Another day is read again from the same files.
    await page.fill("#people-as-of", "2024-09-02");
    await page.dispatchEvent("#people-as-of", "change");
    await page.waitForFunction(() => document.querySelector("#people-teachers iframe")?.contentDocument?.querySelector('[data-k="as_of"]')?.textContent === "02.09.2024");

    // A survey: the definition and two periods (in the order chosen).
    await page.fill("#people-as-of", "2025-01-15");
    await page.setInputFiles("#people-files", ["survey/parents.json", "survey/2024-spring.csv", "survey/2024-autumn.csv"].map((f) => join(fixtures, f)));
    await page.waitForFunction(() => !document.getElementById("people-survey").hidden && !document.querySelector("#people-survey iframe").hidden);
    assert.match(await page.textContent("#people-read"), /parents\.json — описание анкеты/);
    assert.match(await page.textContent("#people-read"), /2024-autumn\.csv — ответы анкеты/);
    assert.equal(await page.isVisible("#people-teachers iframe"), false, "no register among the files");
    const s = await shown(page, "#people-survey iframe");
    let compared = 0;
    for (const q of surveyExpected.questions) {
      const k = `${q.period}:${q.id}${q.group === null ? "" : `:${q.group}`}`;
      assert.equal(s[`satisfied_pct:${k}`], decimal(q.satisfied_pct), `satisfied_pct ${k}`);
      assert.equal(s[`answered:${k}`], String(q.answered), `answered ${k}`);
      assert.equal(s[`satisfied:${k}`], String(q.satisfied), `satisfied ${k}`);
      compared++;
    }
    assert.equal(compared, 10, "5 questions × 2 periods");
    for (const c of surveyExpected.changes ?? []) {
      const k = `change:${c.id}${c.group === null ? "" : `:${c.group}`}`;
      assert.equal(s[k].replace("+", ""), decimal(c.delta), k);
    }
    await page.screenshot({ path: join(root, "target/wasm-people-survey.png"), fullPage: true });

    // Answers without their definition: a note in Russian, no figures.
    await page.setInputFiles("#people-files", join(fixtures, "survey/2024-spring.csv"));
    await page.waitForFunction(() => !document.getElementById("people-findings-card").hidden);
    assert.match(await page.textContent("#people-findings"), /нужно её описание/);
    assert.equal(await page.isVisible("#people-survey iframe"), false);
    await page.screenshot({ path: join(root, "target/wasm-people-note.png"), fullPage: false });

    await page.click("#tab-score");
    assert.equal(await page.isVisible("#people-view"), false);
    assert.deepEqual(external, [], "the page makes no external requests");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.kill();
  }
});
