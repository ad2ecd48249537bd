/**
 * How the site shows numbers (Chinese style: thousands separators, one decimal for
 * percentages) and the states of a value — published, true zero, suppressed, not collected,
 * not applicable — which always look different.
 */
import type { PublishedRatio, PublishedValue } from "../pipeline/publish/publishable.ts";

const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatPercent(p: number): string {
  return `${p.toFixed(1)}%`;
}

/** Money in 元: 万元 from 10,000 up (one decimal), else whole 元. */
export function formatYuan(n: number): string {
  // Rounded half up on whole thousands (30,500 → 3.1万元; toFixed would say 3.0 for 3.05).
  if (n >= 10_000) return `${(Math.round(n / 1_000) / 10).toFixed(1)}万元`;
  return `${integer.format(n)}元`;
}

export type Shown = {
  text: string;
  /** CSS class: v-pub, v-zero, v-sup, v-nc, v-na. */
  kind: "pub" | "zero" | "sup" | "nc" | "na";
  /** A number for charts; null unless published or zero. */
  value: number | null;
  /** For screen readers and titles: what the marker means. */
  note?: string;
};

/** A count as shown on the site. */
export function showValue(v: PublishedValue | undefined): Shown {
  if (!v) return { text: "不适用", kind: "na", value: null, note: "该单位没有这一类别" };
  if (v.kind === "notCollected")
    return { text: "未采集", kind: "nc", value: null, note: "学校未报送此项" };
  if (v.kind === "plain") return { text: formatCount(v.value), kind: "pub", value: v.value };
  if (v.status === "published") return { text: formatCount(v.value), kind: "pub", value: v.value };
  if (v.status === "zero") return { text: "0", kind: "zero", value: 0 };
  const [lo, hi] = v.interval;
  const range = hi === null || !Number.isFinite(hi) ? `≥${lo}` : `${lo}–${hi}`;
  return {
    text: `已保护（${range}）`,
    kind: "sup",
    value: null,
    note: "人数较少或可推算出较少人数，按规定不公布确切数字，括号内为可能的范围",
  };
}

/** A percentage as shown on the site. */
export function showRatio(r: PublishedRatio | undefined): Shown {
  if (!r || r.status === "notApplicable")
    return { text: "不适用", kind: "na", value: null, note: "分母为 0 或不适用" };
  if (r.status === "published")
    return { text: formatPercent(r.percent), kind: "pub", value: r.percent };
  if (r.status === "band") {
    const text = r.atLeast !== undefined ? `≥${r.atLeast}%` : `≤${r.atMost}%`;
    return { text, kind: "sup", value: null, note: "为保护少数儿童，只公布大致范围" };
  }
  return { text: "已保护", kind: "sup", value: null, note: "按规定不公布" };
}

/** Change between years: "增加12人" / "下降1.2个百分点". */
export function showChange(delta: number, unit: "人" | "个百分点"): string {
  if (delta === 0) return "与上学年持平";
  const amount = unit === "人" ? formatCount(Math.abs(delta)) : Math.abs(delta).toFixed(1);
  return `比上学年${delta > 0 ? (unit === "人" ? "增加" : "上升") : unit === "人" ? "减少" : "下降"}${amount}${unit}`;
}
