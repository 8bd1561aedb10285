// The one-file page opened from disk in Debian's Firefox ESR (headless), driven through Firefox's
// own WebDriver BiDi (no driver to download): the index-2023 form «из 143 баллов», a value typed
// into 1.1.1 scored, the plan tab drawn from the module inside the file.
// Run: node --experimental-websocket tests/dist-firefox.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const file = pathToFileURL(join(here, "../dist/vsoko.html")).href;
const port = 9300 + Math.floor(Math.random() * 300);

function bidi(ws) {
  let next = 1;
  const waiting = new Map();
  ws.addEventListener("message", (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id);
      waiting.delete(msg.id);
      msg.type === "error" ? reject(new Error(`${msg.error}: ${msg.message}`)) : resolve(msg.result);
    }
  });
  return (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
}

async function connect() {
  for (let i = 0; i < 100; i++) {
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/session`);
      await new Promise((ok, bad) => { ws.onopen = ok; ws.onerror = bad; });
      return ws;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error("Firefox did not open its remote port");
}

test("the one-file page works opened from disk in Firefox", async () => {
  const profile = mkdtempSync(join(tmpdir(), "vsoko-ff-"));
  const firefox = spawn(process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    ["--headless", "--no-remote", "--profile", profile, `--remote-debugging-port=${port}`, "about:blank"], { stdio: "ignore" });
  let ws;
  try {
    ws = await connect();
    const send = bidi(ws);
    await send("session.new", { capabilities: {} });
    const tree = await send("browsingContext.getTree", {});
    const context = tree.contexts[0].context;
    await send("browsingContext.navigate", { context, url: file, wait: "complete" });
    const js = async (expression) => {
      const r = await send("script.evaluate", { expression, target: { context }, awaitPromise: true });
      if (r.type === "exception") throw new Error(r.exceptionDetails.text);
      return r.result.value;
    };
    const until = async (expression, what) => {
      for (let i = 0; i < 150; i++) {
        if (await js(`Boolean(${expression})`)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Firefox: ${what}`);
    };
    await until("window.__vsokoFirstScoreMs !== undefined", "no first score");
    const firstScore = await js("window.__vsokoFirstScoreMs");
    assert.equal(await js("document.getElementById('load-error').hidden"), true);
    assert.equal(await js("document.querySelector('.total .of').textContent"), "из 143 баллов");
    await js(`(() => { const i = document.querySelector('input[data-id="1.1.1"]'); i.value = "2"; i.dispatchEvent(new Event("input", { bubbles: true })); })()`);
    await until("document.getElementById('total').textContent !== '0'", "the value typed was not scored");
    await js(`(() => { document.getElementById("tab-plan").click(); document.getElementById("plan-template").click(); })()`);
    await until("document.querySelectorAll('#plan-cyclogram tr').length === 9", "the plan tab did not draw the cyclogram");
    console.log(`Firefox: first score ${Number(firstScore).toFixed(0)} ms after opening`);
  } finally {
    ws?.close();
    firefox.kill();
    rmSync(profile, { recursive: true, force: true });
  }
});
