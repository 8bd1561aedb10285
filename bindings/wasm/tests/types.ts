// Type-checked with `tsc --strict` against the generated declarations: the public API as a
// TypeScript user sees it.
import { score, scoreDocument, catalog, check, checkSelfexam, methodologies, version, Methodology, percent, results } from "../pkg/web/vsoko_wasm.js";
import type { Report, Catalog, Diagnostic, SelfexamCheck, VsokoError, Values, ResultsAnswer, ResultFinding } from "../pkg/web/vsoko_wasm.js";

const values: Values = { "1.1.1": 3, "1.1.2": "2.5", "2.7": "n/a", "3.1.1": null };
const r: Report = score(values, "index-2023", { strict: false });
const total: string = r.total;
const level: string | null = r.level;
const firstGroup: string = r.groups[0].id;
const lost: string | undefined = r.deficits.indicators[0]?.lost;
const doc: Report = scoreDocument({ methodology: "nocko-1547", school: "Школа", values: { "1.1": 10 } });
const c: Catalog = catalog("index-2023");
const caps: string[] = c.indicators.map((i) => i.max);
const problems: Diagnostic[] = check(values);
const codes: string[] = problems.map((p) => p.code);
const se: SelfexamCheck = checkSelfexam({ reporting_year: 2023 }, "2024-04-21");
const late: number | null = se.days_left;
const names: string[] = methodologies();
const v: string = version();
try {
  score({ "1.1.1": 4 });
} catch (e) {
  const err = e as VsokoError;
  const code: string = err.code;
  const id: string | null = err.indicator;
  console.log(code, id, err.message_ru);
}
console.log(total, level, firstGroup, lost, doc, caps, codes, late, names, v);

// A custom methodology in the browser, typed.
const custom: Methodology = Methodology.fromJson('{"format_version": 1, "id": "m", "title": "М", "groups": []}');
const customReport: Report = custom.score({ "A.1": 1 });
const shown: string | null = percent("0.29", "20");
console.log(custom.id, customReport.total, shown);

// Pupils' results from files, as the page reads them.
const answer: ResultsAnswer = results([{ name: "vpr.csv", bytes: new Uint8Array() }]);
const page: string | null = answer.html.tasks;
const rejected: ResultFinding[] = answer.findings.filter((f) => f.severity === "error");
const kinds: string[] = answer.files.flatMap((f) => f.kinds);
console.log(page, rejected.map((f) => f.row), kinds);
