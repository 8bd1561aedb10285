// Glue for the fast `score` call (imported by src/report.rs; wasm-bindgen copies it into the
// package as a snippet). Keep it small: every rule stays in the core.

// The values as JSON text when every value is one JSON carries exactly (a string, a boolean,
// null, or a finite number JSON writes without an exponent and not -0); otherwise undefined,
// and the caller takes the per-value path, whose errors name the odd value.
export function valuesText(values) {
  for (const key of Object.keys(values)) {
    const v = values[key];
    switch (typeof v) {
      case "string":
      case "boolean":
        continue;
      case "number": {
        const a = Math.abs(v);
        if (v === 0 ? !Object.is(v, -0) : a >= 1e-6 && a < 1e21) continue;
        return undefined;
      }
      default:
        if (v === null) continue;
        return undefined;
    }
  }
  return JSON.stringify(values);
}

const inputIndex = new Map(); // methodology source → Map(input id → position)

export function knowsInputs(source) {
  return inputIndex.has(source);
}

export function setInputs(source, ids) {
  inputIndex.set(source, { count: ids.length, at: new Map(ids.map((id, i) => [id, i])) });
}

// A decimal string a float carries exactly: up to nine digits, up to two places ("2.5").
const PLAIN_DECIMAL = /^\d{1,9}(\.\d{1,2})?$/;

// The values as floats in input order (NaN for null, undefined or absent) when every value is
// null, undefined, a finite number or a plain decimal string, and every key is an input of the
// methodology; otherwise undefined (the values then cross as JSON text or value by value).
export function valueFloats(values, source) {
  const inputs = inputIndex.get(source);
  if (inputs === undefined) return undefined;
  const out = new Float64Array(inputs.count).fill(NaN);
  for (const key in values) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) return undefined;
    const i = inputs.at.get(key);
    if (i === undefined) return undefined;
    const v = values[key];
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return undefined;
      out[i] = v;
    } else if (typeof v === "string") {
      if (!PLAIN_DECIMAL.test(v)) return undefined;
      out[i] = Number(v);
    } else if (v !== null && v !== undefined) {
      return undefined;
    }
  }
  return out;
}

let build = null; // (text, source, strict) => the full report; set once by the wasm side

export function setBuild(f) {
  build = f;
}

const heads = new Map(); // methodology source → {id, levels: [[level id, title], ...]}

export function knowsHead(source) {
  return heads.has(source);
}

export function setHead(source, id, levelIds, levelTitles) {
  heads.set(source, { id, levels: levelIds.map((l, i) => [l, levelTitles[i]]) });
}

const settle = (report, key, value) => {
  Object.defineProperty(report, key, { value, enumerable: true, configurable: true, writable: true });
};

// The report as a plain object: the head now (the methodology's id and level strings from
// `setHead`, so they are not decoded again per call), and the long parts (groups, indicators,
// missing, not_applicable, deficits) scored again from the same values (their floats in input
// order, or their JSON text) on first read, then kept as ordinary data properties in their
// place in the key order. JSON.stringify, spread and structuredClone read them like any other
// field. Nothing is held in wasm memory.
export function lazyReport(source, level, total, max, share, percent, values, strict) {
  const head = heads.get(source);
  const band = level >= 0 ? head.levels[level] : null;
  const fill = (report) => {
    const full = build(values, source, strict);
    for (const key of ["groups", "indicators", "missing", "not_applicable", "deficits"]) {
      if (!Object.getOwnPropertyDescriptor(report, key).get) continue; // set by the caller
      settle(report, key, full[key]);
    }
  };
  return {
    // A missing share, percent or level is null, as in the whole report.
    methodology: head.id, total, max, share: share ?? null, percent: percent ?? null,
    level: band ? band[0] : null, level_title: band ? band[1] : null,
    get groups() { fill(this); return this.groups; },
    set groups(v) { settle(this, "groups", v); },
    get indicators() { fill(this); return this.indicators; },
    set indicators(v) { settle(this, "indicators", v); },
    get missing() { fill(this); return this.missing; },
    set missing(v) { settle(this, "missing", v); },
    get not_applicable() { fill(this); return this.not_applicable; },
    set not_applicable(v) { settle(this, "not_applicable", v); },
    get deficits() { fill(this); return this.deficits; },
    set deficits(v) { settle(this, "deficits", v); },
  };
}
