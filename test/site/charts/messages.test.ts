import { describe, expect, it } from "vitest";
import { joinNames } from "../../../src/site/charts/messages.ts";
import { maxMessage, trendMessage, type Datum } from "../../../src/site/charts/index.ts";
import { COUNT, PERCENT } from "./helpers.ts";

const pct = (label: string, value: number): Datum => ({
  label,
  value,
  status: value === 0 ? "zero" : "published",
  display: value === 0 ? "0" : `${value.toFixed(1)}%`,
});
const count = (label: string, value: number, series?: string): Datum => ({
  label,
  value,
  status: value === 0 ? "zero" : "published",
  display: String(value),
  ...(series === undefined ? {} : { series }),
});
const suppressed = (label: string, series?: string): Datum => ({
  label,
  value: null,
  status: "suppressed",
  display: "0–7",
  ...(series === undefined ? {} : { series }),
});
const notCollected = (label: string): Datum => ({
  label,
  value: null,
  status: "notCollected",
  display: "未采集",
});
const notApplicable = (label: string): Datum => ({
  label,
  value: null,
  status: "notApplicable",
  display: "不适用",
});

describe("maxMessage", () => {
  it("names the highest percentage", () => {
    const data = [pct("石桥镇", 12.5), pct("白沙乡", 38.2), pct("清水镇", 20)];
    expect(maxMessage(data, PERCENT)).toBe("白沙乡留守儿童占比最高，为38.2%。");
  });

  it("says 最多 for counts", () => {
    const data = [count("一年级", 31), count("七年级", 40)];
    expect(maxMessage(data, COUNT)).toBe("七年级留守儿童人数最多，为40。");
  });

  it("compares only the published values and says how many are protected", () => {
    const data = [
      pct("白沙乡", 38.2),
      pct("石桥镇", 12.5),
      suppressed("河口乡"),
      suppressed("东坪镇"),
    ];
    expect(maxMessage(data, PERCENT)).toBe(
      "在已公布的数字中，白沙乡留守儿童占比最高，为38.2%；另有2个乡镇的数字已作保护处理。",
    );
  });

  it("ranks nothing when a protected value's range reaches the largest published one", () => {
    // 母亲 313 is not 最多 while 祖辈 is shown as 1,217–1,379.
    const data = [
      count("母亲", 313),
      count("父亲", 120),
      {
        label: "祖辈",
        value: null,
        status: "suppressed" as const,
        display: "已保护（1,217–1,379）",
      },
    ];
    expect(maxMessage(data, COUNT)).toBe(
      "已公布的数字中，母亲留守儿童人数为313；另有1个年级的数字已作保护处理，可能更多，不作比较。",
    );
  });

  it("counts values not collected and not applicable apart from the protected ones", () => {
    const data = [
      pct("白沙乡", 38.2),
      pct("石桥镇", 1),
      suppressed("河口乡"),
      notCollected("新村乡"),
      notApplicable("东坪镇"),
    ];
    expect(maxMessage(data, PERCENT)).toBe(
      "在已公布的数字中，白沙乡留守儿童占比最高，为38.2%；另有1个乡镇的数字已作保护处理，1个乡镇未采集，1个乡镇不适用。",
    );
  });

  it("names every item of a tie", () => {
    const data = [pct("白沙乡", 38.2), pct("石桥镇", 38.2), pct("清水镇", 20)];
    expect(maxMessage(data, PERCENT)).toBe("白沙乡和石桥镇留守儿童占比并列最高，均为38.2%。");
    const three = [...data, pct("河口乡", 38.2)];
    expect(maxMessage(three, PERCENT)).toBe(
      "白沙乡、石桥镇和河口乡留守儿童占比并列最高，均为38.2%。",
    );
  });

  it("shortens a long tie to the first three names and the number of items", () => {
    const data = ["甲", "乙", "丙", "丁", "戊"]
      .map((label) => count(label, 9))
      .concat(count("己", 1));
    expect(maxMessage(data, COUNT)).toBe("甲、乙、丙等5个年级留守儿童人数并列最多，均为9。");
  });

  it("says so when every value is the same, zero included", () => {
    const data = [pct("白沙乡", 0), pct("石桥镇", 0)];
    expect(maxMessage(data, PERCENT)).toBe("2个乡镇的留守儿童占比都是0。");
  });

  it("says that nothing can be compared when every value is protected", () => {
    const data = [suppressed("白沙乡"), suppressed("石桥镇"), suppressed("河口乡")];
    expect(maxMessage(data, PERCENT)).toBe("全部3个乡镇的留守儿童占比都已作保护处理，无法比较。");
  });

  it("says why there is no number when none is collected or some are protected and others not", () => {
    expect(maxMessage([notCollected("白沙乡"), notCollected("石桥镇")], PERCENT)).toBe(
      "全部2个乡镇的留守儿童占比都未采集。",
    );
    expect(maxMessage([suppressed("白沙乡"), notApplicable("石桥镇")], PERCENT)).toBe(
      "没有可以比较的数字：1个乡镇的数字已作保护处理，1个乡镇不适用。",
    );
  });

  it("states a single value without calling it the highest", () => {
    expect(maxMessage([pct("白沙乡", 38.2)], PERCENT)).toBe(
      "只有白沙乡一项，留守儿童占比为38.2%。",
    );
    expect(maxMessage([pct("白沙乡", 38.2), suppressed("石桥镇")], PERCENT)).toBe(
      "已公布的数字只有白沙乡一项，留守儿童占比为38.2%；另有1个乡镇的数字已作保护处理。",
    );
    expect(maxMessage([suppressed("白沙乡")], PERCENT)).toBe("白沙乡的留守儿童占比已作保护处理。");
  });

  it("says there is no data for empty data", () => {
    expect(maxMessage([], PERCENT)).toBe("暂无数据。");
  });

  it("counts items as 项 when no item name is given", () => {
    const meta = { ...PERCENT, itemName: undefined };
    expect(maxMessage([pct("白沙乡", 38.2), pct("石桥镇", 2), suppressed("河口乡")], meta)).toBe(
      "在已公布的数字中，白沙乡留守儿童占比最高，为38.2%；另有1项的数字已作保护处理。",
    );
  });
});

describe("trendMessage", () => {
  const meta = { ...COUNT, itemName: "个学年" };

  it("says where a count started and ended", () => {
    const data = [count("2020学年", 100), count("2021学年", 120), count("2022学年", 90)];
    expect(trendMessage(data, meta)).toBe("留守儿童人数从2020学年的100减少到2022学年的90。");
    expect(trendMessage(data.slice(0, 2), meta)).toBe(
      "留守儿童人数从2020学年的100增加到2021学年的120。",
    );
  });

  it("says 上升 and 下降 for percentages", () => {
    expect(trendMessage([pct("2023学年", 30.1), pct("2024学年", 38.2)], PERCENT)).toBe(
      "留守儿童占比从2023学年的30.1%上升到2024学年的38.2%。",
    );
  });

  it("says when the first and the last value are the same", () => {
    const data = [count("2020学年", 100), count("2021学年", 120), count("2022学年", 100)];
    expect(trendMessage(data, meta)).toBe("留守儿童人数在2020学年和2022学年都是100。");
  });

  it("skips protected years and says how many there are", () => {
    const data = [suppressed("2020学年"), count("2021学年", 120), count("2022学年", 130)];
    expect(trendMessage(data, meta)).toBe(
      "留守儿童人数从2021学年的120增加到2022学年的130；另有1个学年的数字已作保护处理。",
    );
  });

  it("says there is only one year, whether it has a number or not", () => {
    expect(trendMessage([count("2024学年", 128)], meta)).toBe(
      "只有2024学年一年的数据，留守儿童人数为128。",
    );
    expect(trendMessage([suppressed("2024学年")], meta)).toBe(
      "只有2024学年一年的数据，留守儿童人数已作保护处理。",
    );
    expect(
      trendMessage([count("2024学年", 12, "城镇"), suppressed("2024学年", "农村")], meta),
    ).toBe("只有2024学年一年的数据，城镇留守儿童人数为12，农村留守儿童人数已作保护处理。");
  });

  it("describes each series in one sentence", () => {
    const data = [
      count("2023学年", 10, "城镇"),
      count("2023学年", 50, "农村"),
      count("2024学年", 12, "城镇"),
      suppressed("2024学年", "农村"),
    ];
    expect(trendMessage(data, meta)).toBe(
      "留守儿童人数：城镇从2023学年的10增加到2024学年的12，农村只公布了2023学年的数字，为50；另有1个学年的数字已作保护处理。",
    );
  });

  it("says that nothing can be compared when every year is protected", () => {
    const data = [suppressed("2023学年"), suppressed("2024学年")];
    expect(trendMessage(data, meta)).toBe("全部2个学年的留守儿童人数都已作保护处理，无法比较。");
  });

  it("says there is no data for empty data", () => {
    expect(trendMessage([], meta)).toBe("暂无数据。");
  });
});

describe("joinNames", () => {
  it("joins with 、 and 和 and shortens long lists", () => {
    expect(joinNames(["甲"], "项")).toBe("甲");
    expect(joinNames(["甲", "乙"], "项")).toBe("甲和乙");
    expect(joinNames(["甲", "乙", "丙"], "项")).toBe("甲、乙和丙");
    expect(joinNames(["甲", "乙", "丙", "丁"], "个乡镇")).toBe("甲、乙、丙等4个乡镇");
  });
});
