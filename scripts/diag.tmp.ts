// Diagnostic: measure + protect the sample, print the loss figures.
import { validateData } from "../src/pipeline/validate/validateData.ts";
import { measure } from "../src/pipeline/measure/measure.ts";
import { protect } from "../src/pipeline/protect/protect.ts";
import { primary } from "../src/pipeline/protect/primary.ts";
const dir = process.argv[2] ?? "/work/main/data";
const only = process.argv[3];
const data = await validateData(dir, { keepRows: true });
const m = measure(data.data ?? (data as any));
for (const y of m.years) {
  if (only && y.year !== only) continue;
  const t0 = performance.now();
  const t = { k: 5, kSensitive: 10 };
  const p = await protect(y.system, t);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const rules = primary(y.system, t);
  const st = [...p.figures.entries()];
  const sup = st.filter(([, s]) => s.status === "suppressed");
  const sec = sup.filter(([, s]) => (s as any).reason === "secondary");
  const byId = new Map(y.system.figures.map((f) => [f.id, f]));
  const enrSup = sup.filter(([id]) => byId.get(id)!.public);
  const lbSec = sec.filter(([id]) => /^lb\.(moe|sc)\|/.test(id));
  const headSec = sec.filter(([id]) => byId.get(id)!.headline);
  // schools with >=20 LB (moe) whose 5 coverage rates are all published
  const schools = y.hierarchy.units.filter((u) => u.level === 0);
  let big = 0, ok = 0;
  for (const u of schools) {
    const lb = y.values.get(`lb.moe|u=${u.id}`) ?? 0;
    if (lb < 20) continue;
    big++;
    const rates = ["建档", "结对帮扶", "谈心", "家访", "亲情电话"].map((c) => {
      const id1 = `ratio:cov.${c}|u=${u.id}`;
      const id2 = `ratio:cov.${c}|u=${u.id}|已覆盖`;
      return p.ratios.get(id1) ?? p.ratios.get(id2);
    });
    if (rates.every((r) => r?.status === "published")) ok++;
  }
  console.log(JSON.stringify({ year: y.year, secs, figures: y.system.figures.length, suppressed: sup.length, primary: rules.size, secondary: sec.length, perPrimary: +(sec.length / rules.size).toFixed(2), enrolmentSuppressed: enrSup.length, lbTotalSecondary: lbSec.length, headlineSecondary: headSec.length, coverageAllPublished: `${ok}/${big}`, passed: p.audit.passed, failures: p.audit.failures.slice(0, 5) }));
  if (process.env.LIST) for (const [id] of headSec) console.log("  headline secondary:", id, y.values.get(id));
}
if (process.env.TABLES) {
  const y = m.years[m.years.length - 1]!;
  const t = { k: 5, kSensitive: 10 };
  const p = await protect(y.system, t);
  const rules = primary(y.system, t);
  const agg = new Map<string, { p1: number; p2: number; p3: number; sec: number; pub: number; lvl: Record<number, number> }>();
  const byId = new Map(y.system.figures.map((f) => [f.id, f]));
  for (const [id, s] of p.figures) {
    const f = byId.get(id)!;
    const key = f.table;
    const e = agg.get(key) ?? { p1: 0, p2: 0, p3: 0, sec: 0, pub: 0, lvl: {} };
    agg.set(key, e);
    const r = rules.get(id);
    if (r) { if (r.includes("P3")) e.p3++; else if (r.includes("P1")) e.p1++; else e.p2++; }
    else if (s.status === "suppressed") { e.sec++; e.lvl[f.level] = (e.lvl[f.level] ?? 0) + 1; }
    else e.pub++;
  }
  for (const [k, e] of [...agg].sort()) console.log(k.padEnd(28), JSON.stringify(e));
}
if (process.env.LB) {
  const y = m.years[m.years.length - 1]!;
  const t = { k: 5, kSensitive: 10 };
  const p = await protect(y.system, t);
  const rules = primary(y.system, t);
  for (const [id, s] of p.figures) {
    if (!/^lb\.(moe|sc)\|/.test(id) || s.status !== "suppressed") continue;
    const u = id.split("|")[1]!.slice(2);
    const prim = [...rules].filter(([k]) => k.includes(`|u=${u}|`) || k.endsWith(`|u=${u}`)).map(([k, r]) => `${k.split("|")[0]}|${k.split("|")[2] ?? ""}=${y.values.get(k)}(${r.join("")})`);
    console.log(id, s.reason, "v=", y.values.get(id), "enr=", y.values.get(`enr|u=${u}`), (s as any).interval, "prims:", prim.join(" "));
  }
}
if (process.env.COV) {
  const y = m.years[m.years.length - 1]!;
  const t = { k: 5, kSensitive: 10 };
  const p = await protect(y.system, t);
  const rules = primary(y.system, t);
  for (const u of y.hierarchy.units.filter((u) => u.level === 0)) {
    const lb = y.values.get(`lb.moe|u=${u.id}`) ?? 0;
    if (lb < 20) continue;
    const out: string[] = [];
    for (const c of ["建档", "结对帮扶", "谈心", "家访", "亲情电话"]) {
      const fid = y.values.has(`cov.${c}|u=${u.id}`) ? `cov.${c}|u=${u.id}` : `cov.${c}|u=${u.id}|已覆盖`;
      const r = p.ratios.get(`ratio:${fid}`);
      if (r?.status === "published") continue;
      const s = p.figures.get(fid)!;
      out.push(`${c}:${y.values.get(fid)}:${s.status}:${(s as any).reason ?? ""}:${(s as any).interval ?? ""} ratio=${r?.status}`);
    }
    const lbs = p.figures.get(`lb.moe|u=${u.id}`)!;
    if (out.length) console.log(u.id, "lb", lb, lbs.status, "enr", y.values.get(`enr|u=${u.id}`), out.join(" | "));
  }
}
if (process.env.UNIT) {
  const y = m.years.find((yy) => yy.year === (process.env.YEAR ?? "2023-2024"))!;
  const t = { k: 5, kSensitive: 10 };
  const p = await protect(y.system, t);
  for (const f of y.system.figures) {
    if (!f.id.includes(`u=${process.env.UNIT}`)) continue;
    const s = p.figures.get(f.id)!;
    const r = p.ratios.get(`ratio:${f.id}`);
    console.log(f.id.padEnd(50), y.values.get(f.id), s.status, (s as any).reason ?? "", (s as any).interval ?? "", r ? JSON.stringify(r) : "", f.decompositions.map((d) => d.length).join(","));
  }
}
