//! Hand-written TypeScript declarations of the plain objects the exports take and return.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A decimal number as a string, e.g. "97.5" (never a float). */
export type Decimal = string;
/** One input's value: a number or decimal string, yes/no (`true`/`false`, "да"/"нет"), "n/a",
 * or null (missing). */
export type Value = number | string | boolean | null;
export type Values = Record<string, Value>;
export interface Options { strict?: boolean }
/** One thing a check found: `message` in English, `message_ru` in Russian, as errors. */
export interface Finding {
  code: string; severity: "error" | "warning"; item: string | null; section: string | null;
  field: string | null; message: string; message_ru: string;
}
/** A plan check's finding (the one shape of every finding). */
export type PlanFinding = Finding;
export interface PlanCheck { complete: boolean; has_errors: boolean; findings: PlanFinding[] }
export interface ScoreInput { methodology?: string; school?: string; period?: string; values: Values }
export interface GroupResult {
  id: string; kind: string; title: string | null; parent: string | null;
  points: Decimal; max: Decimal; share: Decimal | null; percent: Decimal | null; lost: Decimal;
  leaf: boolean;
}
export interface InputResult { id: string; value: Decimal | null; status: "scored" | "missing" | "not_applicable" }
export interface IndicatorResult {
  id: string; group: string; title: string | null; points: Decimal; max: Decimal;
  status: "scored" | "missing" | "not_applicable";
  /** The inputs a rule read (absent when the value is the points). */
  inputs?: InputResult[];
  /** How the inputs became points, e.g. "12 / 15 × 100 = 80". */
  how?: string;
}
export interface Deficit { id: string; title: string | null; lost: Decimal; points: Decimal; max: Decimal }
export interface Report {
  methodology: string; school?: string; period?: string;
  total: Decimal; max: Decimal; share: Decimal | null; percent: Decimal | null;
  level: "high" | "medium" | "low" | string | null; level_title: string | null;
  groups: GroupResult[]; indicators: IndicatorResult[];
  missing: string[]; not_applicable: string[];
  deficits: { groups: Deficit[]; indicators: Deficit[] };
}
export interface LevelBand { id: string; title: string; title_en?: string; from?: Decimal; to?: Decimal }
export interface CatalogGroup {
  id: string; kind: string; title: string | null; title_en: string | null; parent: string | null;
  indicator_count: number; max: Decimal;
}
export interface CatalogIndicator {
  id: string; group: string; title: string | null; title_en: string | null; max: Decimal; not_applicable: boolean;
}
export interface CatalogInput {
  id: string; title: string | null; title_en: string | null;
  kind: "points" | "count" | "number" | "yes_no"; min: Decimal | null; max: Decimal | null;
  not_applicable: boolean; indicators: string[]; hint_ru: string;
}
export interface Catalog {
  id: string; title: string; title_en: string | null; short_title: string; source: string | null;
  notes: string[];
  max: Decimal; levels: LevelBand[]; groups: CatalogGroup[]; indicators: CatalogIndicator[];
  inputs: CatalogInput[];
}
/** One problem of a methodology description. */
export interface MethodologyProblem { code: string; path: string; message: string; message_ru: string }
/** An error or a problem of the values, as the core reports it (the same keys in Python). */
export interface Diagnostic {
  code: string; indicator: string | null; message: string; message_ru: string;
  problems?: MethodologyProblem[];
}
export interface SelfexamCheck {
  complete: boolean; has_errors: boolean; findings: Finding[]; due: string | null; days_left: number | null;
}
/** One file for `results`: its name (`.xlsx`, `.csv`) and its bytes. */
export interface ResultFile { name: string; bytes: Uint8Array | ArrayBuffer }
/** A rejected row, a skipped sheet or a report's own finding, from `results`. */
export interface ResultFinding {
  code: string; severity: "error" | "warning"; file: string | null; row: number | null;
  message: string; message_ru: string;
}
/** What `results` returns: each report (null when no file had its kind) and its page. */
export interface ResultsAnswer {
  marks: object | null; tasks: object | null; objectivity: object | null;
  findings: ResultFinding[];
  html: { marks: string | null; tasks: string | null; objectivity: string | null };
  files: { name: string; kinds: ("marks" | "tasks" | "objectivity")[] }[];
}
/** A teacher as of the day, from `people` (dates `YYYY-MM-DD`). */
export interface TeacherStatus {
  name: string; category: string | null; category_until: string | null;
  attestation_due: string | null; training_due: string | null; overdue: ("attestation" | "training")[];
}
/** The teachers' register as of a day (`vsoko teachers --format json`). */
export interface TeachersStatus {
  as_of: string; teachers: TeacherStatus[];
  due: { name: string; kind: "attestation" | "training"; due: string }[];
  shares: { teachers: number; with_category: number; trained_12m: number; trained_3y: number; trained_3y_pct: Decimal };
  by_category: Record<string, number>; trained_year: number;
  targets: { id: string; title: string; count: number; of: number; pct: Decimal | null; min_pct: Decimal; met: boolean }[];
  findings: Finding[];
}
/** A survey's figures (`vsoko survey --format json`). */
export interface SurveyFigures {
  questions: {
    id: string; period: string; group: string | null; respondents: number; answered: number;
    satisfied: number; satisfied_pct: Decimal | null; answers: Record<string, number>;
  }[];
  changes: { id: string; group: string | null; from: Decimal; to: Decimal; delta: Decimal }[];
  open_text: { column: string; answers: Record<string, number> }[];
  unused_columns: string[];
}
/** What `people` returns: the register's status and the survey's figures (each absent when no
 * file gave it) with the core's pages, the notes, and what each file was read as. */
export interface PeopleAnswer {
  teachers?: { json: TeachersStatus; html: string };
  survey?: { json: SurveyFigures; html: string };
  notes: ResultFinding[];
  files: { name: string; kind: "teachers" | "survey_definition" | "survey_answers" | "unread" }[];
}
/** What every function throws: a real Error with a stable code. */
export interface VsokoError extends Error {
  name: "VsokoError"; code: string; indicator: string | null; message_ru: string; problems: MethodologyProblem[];
}
"#;
