// Opens the page in Debian's headless Chromium (playwright-core, no downloaded browser), served
// by `python3 -m http.server` on loopback; loads a fixture school through the page's own "load
// JSON" control, checks the total and level shown, then types an out-of-range value and checks
// the core's message next to the field. Saves a screenshot; prints the time to first score.
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
const fixture = join(root, "fixtures/schools/index-2023/school_42.json");
const expected = JSON.parse(readFileSync(join(root, "fixtures/schools/index-2023/school_42.expected.json"), "utf8"));
const port = 8700 + Math.floor(Math.random() * 200);

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

test("the page scores a school and marks an out-of-range value", async () => {
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
    page.on("request", (req) => { if (!req.url().startsWith(`http://127.0.0.1:${port}/`)) external.push(req.url()); });
    const wasmFiles = []; // which modules the page fetched, in order
    page.on("request", (req) => { if (req.url().endsWith(".wasm")) wasmFiles.push(new URL(req.url()).pathname); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.__vsokoFirstScoreMs !== undefined);
    const firstScore = await page.evaluate(() => window.__vsokoFirstScoreMs);
    assert.equal(await page.textContent("#total"), "0");
    assert.equal(await page.locator("input[data-id]").count(), 72);

    await page.setInputFiles("#load", fixture);
    await page.waitForFunction((t) => document.getElementById("total").textContent === t, expected.total.replace(".", ","));
    // People read a decimal comma (the JSON the page saves keeps the dot).
    assert.equal(await page.textContent("#total"), expected.total.replace(".", ","));
    assert.equal(await page.textContent("#max"), "143");
    assert.equal(await page.textContent("#level"), "Средний уровень");
    assert.equal(await page.inputValue("#school"), JSON.parse(readFileSync(fixture, "utf8")).school);

    await page.fill('input[data-id="1.1.1"]', "4");
    await page.waitForFunction(() => document.getElementById("e-1.1.1").textContent !== "");
    const message = await page.textContent(`[id="e-1.1.1"]`);
    assert.match(message, /1\.1\.1.*вне допустимого диапазона от 0 до 3/);
    assert.equal(await page.isVisible("#problems"), true);

    mkdirSync(join(root, "target"), { recursive: true });
    await page.screenshot({ path: join(root, "target/wasm-page.png"), fullPage: false });
    // Unnamed indicators say so in full (not a cut hint).
    assert.equal(await page.textContent('.indicator[data-id="1.1.3"] .ititle'), "название в источнике не приводится");


    // НОК (orders 114/344н): the form is drawn from the catalogue's inputs, one control per
    // kind; an organisation of fixtures/nok gives the reference total of fixtures/nok/reference.py.
    const [head, ...lines] = readFileSync(join(root, "fixtures/nok/organisations.csv"), "utf8").trim().split("\n");
    const ids = head.split(",");
    const org = Object.fromEntries(lines.map((l) => l.split(",")).find((c) => c[0].startsWith("school_05")).map((v, i) => [ids[i], v]));
    const nokExpected = JSON.parse(readFileSync(join(root, "fixtures/nok/expected.json"), "utf8"))[org.school];
    await page.selectOption("#methodology", "nok-2019");
    assert.equal((await page.locator("#methodology option:checked").textContent()).trim(),
      "Независимая оценка качества условий (приказы № 114 и № 344н)");
    assert.equal(await page.locator("[data-id]:is(input, select)").count(), 28);
    assert.equal(await page.getAttribute('input[data-id="1.2.channels"]', "step"), "1");
    assert.equal(await page.getAttribute('input[data-id="1.2.channels"]', "max"), "5");
    for (const id of ids.slice(1)) await page.fill(`input[data-id="${id}"]`, org[id]);
    await page.waitForFunction((t) => document.getElementById("total").textContent === t, nokExpected.total.replace(".", ","));
    assert.equal(await page.textContent("#total"), nokExpected.total.replace(".", ","));
    assert.equal(await page.textContent("#max"), "100");
    assert.equal(nokExpected.indicators["3.3"], null);
    assert.match(await page.textContent('.derived[data-group="3"]'), /3\.3 не применимо/);
    assert.match(await page.textContent('.derived[data-group="2"]'), new RegExp(`2\\.3 ${org["2.3.yes"]} / ${org["2.3.of"]} × 100 = `));
    await page.fill('input[data-id="2.3.yes"]', String(Number(org["2.3.of"]) + 1));
    await page.waitForFunction(() => document.getElementById("e-2.3.yes").textContent !== "");
    assert.match(await page.textContent('[id="e-2.3.yes"]'), /2\.3\.yes/);
    await page.fill('input[data-id="2.3.yes"]', org["2.3.yes"]);
    await page.waitForFunction((t) => document.getElementById("total").textContent === t, nokExpected.total.replace(".", ","));
    await page.screenshot({ path: join(root, "target/wasm-nok.png"), fullPage: false });

    // Scoring needs only the lean module; the full one is fetched for the plan tab.
    assert.deepEqual(wasmFiles, ["/pkg/lean/vsoko_wasm_bg.wasm"]);

    // A titles file names the index's indicators (checked by the core in the full module, loaded then) (checked by the core), and
    // a broken one is refused with every problem shown and nothing renamed.
    await page.selectOption("#methodology", "index-2023");
    await page.fill('input[data-id="1.1.1"]', "2");
    await page.setInputFiles("#titles", join(root, "fixtures/titles/index_2023_broken.csv"));
    await page.waitForFunction(() => document.getElementById("titles-status").textContent !== "");
    assert.match(await page.textContent("#titles-status"), /файл названий содержит ошибки \(3\)/);
    assert.equal(await page.textContent('.indicator[data-id="1.1.1"] .ititle'), "название в источнике не приводится");
    await page.setInputFiles("#titles", join(root, "fixtures/titles/index_2023_example.csv"));
    await page.waitForFunction(() => document.querySelector('.indicator[data-id="1.1.2"] .ititle').textContent.startsWith("Пример"));
    assert.equal(await page.textContent('.indicator[data-id="1.1.2"] .ititle'), "Пример: «кавычки»; точка с запятой в названии");
    assert.equal(await page.inputValue('input[data-id="1.1.1"]'), "2", "the values stay");
    await page.screenshot({ path: join(root, "target/wasm-titles.png"), fullPage: false });

    // The plan tab: the built-in cyclogram for 2024/25, checked and drawn by the core.
    await page.click("#tab-plan");
    assert.equal(await page.isVisible("#plan-view"), true);
    assert.equal(await page.isVisible("#form"), false);
    await page.fill("#plan-as-of", "2024-10-15");
    await page.click("#plan-template");
    await page.waitForFunction(() => document.querySelectorAll("#plan-cyclogram tr").length > 1);
    assert.equal(await page.locator("#plan-cyclogram tr").count(), 9, "a heading row and 8 mechanisms");
    assert.equal(await page.textContent("#plan-cyclogram tr th:nth-child(2)"), "август 2024");
    assert.match(await page.textContent("#plan-summary"), /^Пунктов: 88\. Замечаний: \d+ \(ошибок: \d+\)$/);
    assert.equal(await page.locator("#plan-due li").count(), 8, "eight items in October");
    assert.ok(await page.locator("#plan-findings li.error").count() > 0);
    // Completion as of 15 October: August to October due (3 months × 8 mechanisms), none done.
    assert.equal(await page.textContent("#plan-completion-summary"),
      "Пунктов к сроку: 24; выполнено: 0 (0,00\u00a0%); отмечено как невыполненные: 0.");
    assert.equal(await page.locator("#plan-completion-months tr").count(), 4, "a heading row and three months");
    // An item marked done in the page: the core marks it, the completion follows, the plan saves.
    const first = await page.getAttribute("#plan-due li:first-child", "data-item");
    await page.click("#plan-due li:first-child button.mark-done");
    await page.waitForFunction(() => document.querySelectorAll("#plan-due li").length === 7);
    assert.equal(await page.textContent("#plan-completion-summary"),
      "Пунктов к сроку: 24; выполнено: 1 (4,17\u00a0%); отмечено как невыполненные: 0.");
    assert.equal(await page.textContent("#plan-completion-months tr:last-child"), "октябрь 20248112,50\u00a0%");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#plan-save")]);
    const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
    const marked = saved.items.find((i) => i.id === first);
    assert.deepEqual([marked.status, marked.done_on], ["done", "2024-10-15"]);
    assert.equal(saved.items.filter((i) => i.status === "done").length, 1, "only that item");
    await page.screenshot({ path: join(root, "target/wasm-plan.png"), fullPage: true });
    assert.deepEqual(wasmFiles, ["/pkg/lean/vsoko_wasm_bg.wasm", "/pkg/web/vsoko_wasm_bg.wasm"]);

    // The results tab: the school's files read in the page (the full module, already loaded),
    // each shown as the core's own page in a frame where no script runs.
    await page.click("#tab-results");
    assert.equal(await page.isVisible("#results-view"), true);
    assert.equal(await page.isVisible("#plan-view"), false);
    await page.setInputFiles("#results-files", ["marks/school_1_marks.csv", "marks/vedomost_7b.xlsx",
      "tasks/vpr_math5_school.xlsx", "tasks/vpr_region.csv", "objectivity/f1_vpr_math4.xlsx"].map((f) => join(root, "fixtures", f)));
    await page.waitForFunction(() => document.getElementById("results-read").textContent.startsWith("Прочитано"));
    assert.match(await page.textContent("#results-read"), /vpr_math5_school\.xlsx — задания, объективность/);
    assert.match(await page.textContent("#results-read"), /vedomost_7b\.xlsx — отметки/);
    for (const kind of ["marks", "tasks", "objectivity"]) {
      const frame = page.locator(`#results-${kind} iframe`);
      assert.equal(await frame.isVisible(), true, kind);
      assert.equal(await frame.getAttribute("sandbox"), "allow-same-origin", "no scripts inside");
    }
    const frameText = (kind) => page.frameLocator(`#results-${kind} iframe`).locator("body").textContent();
    await page.frameLocator("#results-tasks iframe").locator("body").waitFor();
    assert.match(await frameText("tasks"), /35,71/, "Школа №1, task 4, as the CLI gives");
    assert.match(await frameText("objectivity"), /понизили/);
    assert.match(await frameText("objectivity"), /sch860123/);
    assert.match(await frameText("marks"), /7Б/);
    assert.equal(await page.isVisible("#results-error"), false);
    await page.screenshot({ path: join(root, "target/wasm-results.png"), fullPage: true });
    // A file that is no workbook is refused by name, in Russian.
    await page.setInputFiles("#results-files", { name: "отчёт.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a workbook") });
    await page.waitForFunction(() => !document.getElementById("results-error").hidden);
    assert.match(await page.textContent("#results-error"), /отчёт\.xlsx/);
    assert.equal(await page.isVisible("#results-tasks"), false);
    // The other tabs still work after it.
    await page.click("#tab-score");
    assert.equal(await page.isVisible("#form"), true);
    assert.equal(await page.isVisible("#results-view"), false);
    assert.deepEqual(external, [], "the page makes no external requests");
    assert.deepEqual(errors, []);
    console.log(`wasm/first_score_after_load: ${firstScore.toFixed(0)} ms`);
  } finally {
    await browser.close();
    server.kill();
  }
});
