// The one-file page (dist/vsoko.html) as a deputy head opens it: from disk (file://), in Debian's
// headless Chromium with no extra flags. It shows the index-2023 form «из 143 баллов», scores a
// value typed into 1.1.1, the plan tab works from the module inside the file, and no request
// leaves the file. Prints the size and the time to the first score (the 500 ms).
import { test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const file = join(here, "../dist/vsoko.html");

test("the one-file page works opened from disk", async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("data:") && r.url() !== pathToFileURL(file).href) requests.push(r.url()); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => window.__vsokoFirstScoreMs !== undefined, null, { timeout: 15000 });
    const firstScore = await page.evaluate(() => window.__vsokoFirstScoreMs);
    assert.equal(await page.isVisible("#load-error"), false);
    assert.equal(await page.textContent(".total .of"), "из 143 баллов");
    await page.fill('input[data-id="1.1.1"]', "2");
    await page.waitForFunction(() => document.getElementById("total").textContent !== "0");
    assert.notEqual(await page.textContent("#total"), "0");
    // The plan tab loads the full module from inside the file.
    await page.click("#tab-plan");
    await page.fill("#plan-as-of", "2024-10-15");
    await page.click("#plan-template");
    await page.waitForFunction(() => document.querySelectorAll("#plan-cyclogram tr").length > 1, null, { timeout: 15000 });
    assert.equal(await page.locator("#plan-cyclogram tr").count(), 9);
    await page.screenshot({ path: join(root, "target/wasm-dist.png") });
    assert.deepEqual(requests, [], "no request leaves the file");
    assert.deepEqual(errors, []);
    const size = statSync(file).size;
    console.log(`dist/vsoko.html: ${size} bytes (limit 1.75 MB); first score ${firstScore.toFixed(0)} ms after opening (target 500 ms)`);
    assert.ok(size <= 1.75 * 1024 * 1024);
  } finally {
    await browser.close();
  }
});

test("a folder page opened without a server says what to do", async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(here, "../www/index.html")).href);
    await page.waitForTimeout(500);
    assert.equal(await page.isVisible("#load-error"), true);
    assert.match(await page.textContent("#load-error"), /vsoko\.html/);
  } finally {
    await browser.close();
  }
});
