/**
 * A pupil's family situation, drawn so that every field agrees with the left-behind type:
 * 单亲留守儿童 ⇒ exactly one parent away, 双亲留守儿童 ⇒ both, 非留守儿童 ⇒ neither.
 */
import type { Rng } from "./random.ts";

/** 是否留守儿童 as the codes 0 非留守儿童, 1 单亲留守儿童, 2 双亲留守儿童. */
export type LeftBehindCode = 0 | 1 | 2;

export const LEFT_BEHIND_LABELS = ["非留守儿童", "单亲留守儿童", "双亲留守儿童"] as const;

/** 主要照护人 values of the data contract. */
export type Carer = "父亲" | "母亲" | "祖辈" | "其他亲属" | "寄宿学校" | "其他" | "无人照护";

export interface Family {
  readonly leftBehind: LeftBehindCode;
  readonly fatherAway: boolean;
  readonly motherAway: boolean;
  /** The parent at home cannot look after the child (illness, disability). */
  readonly homeParentIncapable: boolean;
  readonly carer: Carer;
  readonly orphan: boolean;
  /** null: no disability; otherwise the 残疾人类型. */
  readonly disability: string | null;
  readonly lowIncome: boolean;
  readonly singleParentFamily: boolean;
}

/** Share of 双亲留守儿童 among left-behind children. */
export const BOTH_PARENTS_SHARE = 0.45;

const DISABILITIES = ["视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "多重残疾"];

export interface FamilyContext {
  /** Village or 乡 school: more low-income families. */
  readonly rural: boolean;
  readonly boarding: boolean;
}

/** Draws a left-behind type for a child who is left behind. */
export function drawLeftBehindType(rng: Rng): 1 | 2 {
  return rng.chance(BOTH_PARENTS_SHARE) ? 2 : 1;
}

/** Draws a family consistent with the given left-behind type. */
export function drawFamily(rng: Rng, leftBehind: LeftBehindCode, ctx: FamilyContext): Family {
  const lowIncome = rng.chance((ctx.rural ? 0.11 : 0.05) + (leftBehind > 0 ? 0.04 : 0));
  const disability = rng.chance(0.004) ? rng.pick(DISABILITIES) : null;

  if (leftBehind === 0) {
    const orphan = rng.chance(0.002);
    const singleParentFamily = !orphan && rng.chance(0.06);
    const carer: Carer = orphan
      ? rng.weighted<Carer>([
          ["祖辈", 7],
          ["其他亲属", 3],
        ])
      : rng.weighted<Carer>([
          ["母亲", 60],
          ["父亲", 20],
          ["祖辈", 17],
          ["其他亲属", 2],
          ["其他", 1],
        ]);
    return {
      leftBehind,
      fatherAway: false,
      motherAway: false,
      homeParentIncapable: false,
      carer,
      orphan,
      disability,
      lowIncome: lowIncome || orphan,
      singleParentFamily,
    };
  }

  if (leftBehind === 1) {
    const fatherAway = rng.chance(0.8);
    const singleParentFamily = rng.chance(0.12);
    // In a single-parent family whose parent works away, nobody is at home to be incapable.
    const homeParentIncapable = !singleParentFamily && rng.chance(0.08);
    const homeParent: Carer = fatherAway ? "母亲" : "父亲";
    const carer: Carer =
      singleParentFamily || homeParentIncapable
        ? rng.weighted<Carer>([
            ["祖辈", 85],
            ["其他亲属", 15],
          ])
        : rng.weighted<Carer>([
            [homeParent, 45],
            ["祖辈", 50],
            ["其他亲属", 5],
          ]);
    return {
      leftBehind,
      fatherAway,
      motherAway: !fatherAway,
      homeParentIncapable,
      carer,
      orphan: false,
      disability,
      lowIncome,
      singleParentFamily,
    };
  }

  const carer = rng.weighted<Carer>([
    ["祖辈", 88],
    ["其他亲属", 7],
    ["寄宿学校", ctx.boarding ? 3 : 0],
    ["其他", 1.5],
    ["无人照护", 0.5],
  ]);
  return {
    leftBehind,
    fatherAway: true,
    motherAway: true,
    homeParentIncapable: false,
    carer,
    orphan: false,
    disability,
    lowIncome,
    singleParentFamily: false,
  };
}
