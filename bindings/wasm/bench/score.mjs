// Time of one `score` call in Node (the built pkg/node), median over many runs.
//   node bindings/wasm/bench/score.mjs
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const vsoko = require("../pkg/node/vsoko_wasm.js");
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const doc = JSON.parse(readFileSync(join(root, "fixtures/schools/index-2023/school_42.json"), "utf8"));

function median(fn, batch = 200, rounds = 25) {
  for (let i = 0; i < batch; i++) fn(); // warm up
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    per.push(Number(process.hrtime.bigint() - t0) / batch / 1000);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

const call = median(() => vsoko.score(doc.values, "index-2023").total);
const read = median(() => vsoko.score(doc.values, "index-2023").groups);
const whole = median(() => vsoko.scoreDocument(doc, "index-2023"));
const small = median(() => vsoko.score({ "1.1": 10, "2.7": "n/a" }, "nocko-1547").total);
console.log(`wasm/score/index-2023/school_42 (node): ${call.toFixed(1)} µs per call (the head; long parts built on first read)`);
console.log(`wasm/score+read/index-2023/school_42 (node): ${read.toFixed(1)} µs per call that also reads the long parts`);
console.log(`wasm/scoreDocument/index-2023/school_42 (node): ${whole.toFixed(1)} µs per call (whole report at once)`);
console.log(`wasm/score/nocko-1547/two values (node): ${small.toFixed(1)} µs per call`);
