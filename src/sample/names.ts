/**
 * Synthetic Chinese personal names from common surnames and given-name characters.
 * No list of real people is used; combinations are drawn at random.
 */
import type { Rng } from "./random.ts";

/** Common surnames with rough weights (more frequent first; Sichuan-flavoured). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ["王", 70],
  ["李", 70],
  ["张", 60],
  ["刘", 55],
  ["陈", 50],
  ["杨", 40],
  ["黄", 30],
  ["赵", 25],
  ["吴", 25],
  ["周", 25],
  ["徐", 20],
  ["孙", 18],
  ["马", 18],
  ["朱", 16],
  ["胡", 16],
  ["郭", 14],
  ["何", 22],
  ["罗", 22],
  ["林", 12],
  ["郑", 12],
  ["梁", 12],
  ["谢", 12],
  ["宋", 10],
  ["唐", 16],
  ["许", 10],
  ["韩", 9],
  ["冯", 12],
  ["邓", 14],
  ["曹", 8],
  ["彭", 10],
  ["曾", 12],
  ["肖", 10],
  ["田", 9],
  ["董", 8],
  ["袁", 9],
  ["潘", 7],
  ["蒋", 9],
  ["蔡", 7],
  ["余", 9],
  ["杜", 9],
  ["叶", 7],
  ["程", 7],
  ["苏", 6],
  ["魏", 6],
  ["吕", 6],
  ["丁", 6],
  ["任", 8],
  ["沈", 5],
  ["姚", 5],
  ["卢", 5],
  ["姜", 5],
  ["崔", 4],
  ["钟", 6],
  ["谭", 7],
  ["陆", 4],
  ["汪", 4],
  ["范", 5],
  ["廖", 7],
  ["贾", 4],
  ["夏", 4],
  ["付", 6],
  ["邹", 5],
  ["熊", 6],
  ["秦", 4],
  ["邱", 5],
  ["蒲", 5],
  ["向", 5],
  ["雷", 5],
  ["侯", 4],
  ["陶", 4],
  ["贺", 4],
  ["龚", 4],
  ["严", 3],
  ["牟", 3],
  ["敬", 2],
];

const BOY_CHARS = [
  ..."浩宇轩子梓俊杰博文晨睿泽航鑫磊鹏强伟军涛毅辉锐鸿哲嘉皓铭煜豪宸承志勇翔逸凯恒瑞浚帆诚",
];
const GIRL_CHARS = [
  ..."欣怡涵雨萱思佳琪婷雪悦诗语馨嘉瑶琳颖妍可梦晴璐倩蕾彤菲露蓉芸婧雯洁娅姝钰茜静丹琴",
];
const ADULT_MALE_CHARS = [..."建国华平明军强伟勇斌东林兵刚荣海波清富贵洪德志春忠祥良"];
const ADULT_FEMALE_CHARS = [..."秀英芳兰丽红霞燕玲梅琼萍艳蓉敏娟珍群凤桂琴容淑"];

export type Sex = "男" | "女";

function given(rng: Rng, chars: readonly string[], twoCharShare: number): string {
  const first = rng.pick(chars);
  if (!rng.chance(twoCharShare)) return first;
  let second = rng.pick(chars);
  // Doubled characters ("婷婷") are common for girls, rarer for boys.
  if (second === first && rng.chance(0.5)) second = rng.pick(chars);
  return first + second;
}

/** A surname drawn by frequency. */
export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** A child's name: surname plus one or (mostly) two given-name characters. */
export function childName(rng: Rng, sex: Sex): string {
  return surname(rng) + given(rng, sex === "男" ? BOY_CHARS : GIRL_CHARS, 0.82);
}

/** An adult's name (teachers), in the style of names given a generation earlier. */
export function adultName(rng: Rng, sex: Sex): string {
  return surname(rng) + given(rng, sex === "男" ? ADULT_MALE_CHARS : ADULT_FEMALE_CHARS, 0.6);
}
