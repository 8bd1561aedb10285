// Documents in the page, offline, in Debian's headless Chromium: a filled Excel form loaded on
// the score tab and its справка downloaded as DOCX; a plan kept as a Word table loaded on the
// plan tab and downloaded back as DOCX; the ВПР справка from the results tab. Each download is
// checked as a Word package (word/document.xml holds the school's name, the plan's items).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = join(here, "..");
const root = join(wasmDir, "../..");
const out = join(root, "target/page-documents");
const port = 8900 + Math.floor(Math.random() * 90);
const vsoko = process.env.VSOKO_CLI ?? join(root, "target/debug/vsoko");

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

// The text of a DOCX's main part (unzip from Debian's packages is not assumed: Python's zipfile).
function documentXml(path) {
  return execFileSync("python3", ["-c", "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())", path], { encoding: "utf8" });
}

async function downloaded(page, click, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(click)]);
  const path = join(out, name);
  await download.saveAs(path);
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString(), "PK", `${name} is a ZIP package`);
  return { path, suggested: download.suggestedFilename(), xml: documentXml(path) };
}

test("the page reads the files a school has and writes its documents", async () => {
  mkdirSync(out, { recursive: true });
  // A filled form, as a deputy head fills the one `vsoko template --format xlsx` gives.
  const form = join(out, "form.csv");
  const school = JSON.parse(readFileSync(join(root, "fixtures/schools/index-2023/school_42.json"), "utf8"));
  const ids = Object.keys(school.values);
  writeFileSync(form, `school;period;${ids.join(";")}\n${school.school};2024;${ids.map((id) => String(school.values[id]).replace(".", ",")).join(";")}\n`);
  const expected = JSON.parse(execFileSync(vsoko, ["score", join(root, "fixtures/schools/index-2023/school_42.json"), "--format", "json"], { encoding: "utf8" }));

  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", wasmDir], { stdio: "ignore" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const url = `http://127.0.0.1:${port}/www/`;
    await waitForServer(url);
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } });
    const external = [];
    page.on("request", (req) => { if (!req.url().startsWith(`http://127.0.0.1:${port}/`)) external.push(req.url()); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.__vsokoFirstScoreMs !== undefined);

    // Score tab: the table read in the browser, the form filled, the total the CLI's.
    await page.setInputFiles("#load-table", form);
    await page.waitForFunction((t) => document.getElementById("total").textContent === t, expected.total.replace(".", ","));
    assert.equal(await page.inputValue("#school"), school.school);
    const score = await downloaded(page, "#doc-score", "score.docx");
    assert.match(score.suggested, /^Справка .*\.docx$/);
    assert.ok(score.xml.includes("СПРАВКА"));
    for (const g of expected.groups) assert.ok(score.xml.includes(`>${g.points.replace(".", ",")}<`), `group ${g.id} points`);

    // Plan tab: the monthly plan as a Word table (merged cells, two tables), 55 items.
    await page.click("#tab-plan");
    await page.setInputFiles("#plan-load", join(root, "fixtures/plan/docx/monthly_plan_2023_24.docx"));
    await page.waitForFunction(() => /55/.test(document.getElementById("plan-summary").textContent));
    const plan = await downloaded(page, "#plan-doc", "plan.docx");
    assert.ok(plan.xml.includes("w:tblHeader") && plan.xml.includes('w:orient="landscape"'));
    assert.ok(plan.xml.includes("Контроль за учащимися группы риска"));
    assert.ok(plan.xml.includes("План внутренней системы оценки качества образования на 2023/24 учебный год"));

    // Results tab: ВПР with journal marks gives the objectivity справка.
    await page.click("#tab-results");
    await page.setInputFiles("#results-files", join(root, "fixtures/objectivity/f1_vpr_math4.xlsx"));
    await page.waitForSelector("#doc-objectivity:not([hidden])");
    const vpr = await downloaded(page, "#doc-objectivity", "vpr.docx");
    assert.ok(vpr.xml.includes("Подтвердили"));

    assert.deepEqual(errors, []);
    assert.deepEqual(external, [], "nothing leaves the machine");
  } finally {
    await browser.close();
    server.kill();
  }
});
