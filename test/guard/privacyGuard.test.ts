/**
 * The privacy guard: a leak planted anywhere in the output — a name in a page, an ID number
 * in a download, a mobile number in JSON, a care note in a chart, metadata in a photo — is
 * found and named by file; ordinary statistics pages pass; the guard never prints a value.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import {
  MAX_LISTED_HITS,
  collectSecrets,
  formatHits,
  makeSecrets,
  maskValue,
  scanOutput,
  type GuardHit,
  type Secrets,
} from "../../src/pipeline/guard/privacyGuard.ts";
import { validateData } from "../../src/pipeline/validate/validateData.ts";
import { idCheckChar } from "../../src/pipeline/validate/values.ts";
import {
  BASE_STUDENTS,
  STUDENTS,
  removeDataDirs,
  rosterCsv,
  student,
  writeDataDir,
} from "../helpers/dataDir.ts";
import { minimalPdf } from "../helpers/minimalPdf.ts";

const outDirs: string[] = [];
afterAll(async () => {
  await removeDataDirs();
  await Promise.all(outDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes an output folder (relative path → text or bytes) and returns its path. */
async function writeOutput(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "lsrt-guard-"));
  outDirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return dir;
}

/** Scans one file with the given content. */
async function scanOne(
  name: string,
  content: string | Buffer,
  secrets: Secrets = SECRETS,
): Promise<GuardHit[]> {
  return scanOutput(await writeOutput({ [name]: content }), secrets);
}

const kinds = (hits: readonly GuardHit[]) => hits.map((h) => h.kind).sort();

/** An ID number with a valid ISO 7064 check character, and the same with a wrong one. */
const ID_FIRST17 = "41010220180301123";
const VALID_ID = ID_FIRST17 + idCheckChar(ID_FIRST17);
const WRONG_CHECK = "10X98765432".split("").find((c) => c !== idCheckChar(ID_FIRST17))!;
const INVALID_ID = ID_FIRST17 + WRONG_CHECK;

const CARE_NOTE = "父母在外地务工，由奶奶照顾，性格内向";

const SECRETS: Secrets = makeSecrets({
  names: ["王小明", "李小红", "欧阳娜娜", "张小明"],
  staff: ["周建国"],
  careNotes: [CARE_NOTE, "学习好"],
  classes: ["一年级(1)班"],
  birthDates: ["2018-03-01"],
  studentNos: ["G410102201803011234"],
  idNumbers: [VALID_ID],
});

/** Ordinary published statistics: school codes, school years, activity dates, percentages. */
const CLEAN_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>测试县留守儿童关爱数据公开平台</title></head>
<body>
<h1>2024-2025 学年留守儿童情况</h1>
<p>全县共有学校 3 所，在校学生 1,234 人，其中留守儿童 456 人（36.9%），比 2023-2024 学年下降 2.1 个百分点。</p>
<p>为保护儿童隐私，本站不公布姓名、学籍号、班级或出生日期，人数过少、可能指向个人的数字不予公布。</p>
<table><caption>各校留守儿童人数</caption>
<tr><th scope="col">学校标识码</th><th scope="col">学校</th><th scope="col">一年级</th><th scope="col">小班</th></tr>
<tr><td>4101020001</td><td>测试县第一小学</td><td>12</td><td>＊</td></tr>
<tr><td>4101020002</td><td>测试县第一初级中学</td><td>30</td><td>—</td></tr>
</table>
<p>2024-09-17 中秋节关爱活动：师生一起做月饼、猜灯谜，参与留守儿童 12 人。</p>
<p>2024年9月10日 开学建档；更新于 2025/01/10；数据截至 20250110。</p>
<p>出生人口与出生率不在本站统计范围内。全县 2025-03-12 开展读书活动。</p>
<p>联系方式：县教育局 0371-12345678，服务热线 12345。</p>
</body></html>`;

const CLEAN_JSON = JSON.stringify({
  year: "2024-2025",
  updated: "2025-01-10T08:00:00.000Z",
  build: 1736467200000,
  schools: [{ id: "4101020001", name: "测试县第一小学", pupils: 1234, share: 0.13912345678 }],
  ratio: 0.369,
  total: 123456789012345,
});

const CLEAN_CSV =
  "\uFEFF单位代码,单位,表,类别,数值,状态,区间下限,区间上限,百分比,百分比说明\r\n" +
  "4101020001,测试县第一小学,留守类型,双亲留守儿童,12,公布,,,36.9,\r\n" +
  "4101020002,测试县第一初级中学,留守类型,单亲留守儿童,,已保护,0,4,,≤10%\r\n";

const CLEAN_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400" role="img">
<title>2019-2025 学年留守儿童比例</title>
<path d="M13.912345678,120.5L64.1,118.25L128.75,110.125"/>
<text x="40" y="380">2024-2025</text><text x="600" y="20">36.9%</text>
</svg>`;

describe("collectSecrets", () => {
  it("collects the roster names of every year, and nothing the data no longer holds", async () => {
    const dir = await writeDataDir({
      [STUDENTS]: rosterCsv([
        ...BASE_STUDENTS,
        student({ student_no: "G410102201803017771", name: "不详" }),
        student({ student_no: "G410102201803017772", name: "丽" }),
        student({ student_no: "G410102201803017773", name: "欧阳　娜娜" }),
      ]),
    });
    const { data, errors } = await validateData(dir, { keepRows: true });
    expect(errors).toBe(0);
    const secrets = collectSecrets(data);
    expect([...secrets.names].sort()).toEqual(
      ["王小明", "李小红", "张小刚", "赵小丽", "陈小军", "刘小燕", "欧阳 娜娜"].sort(),
    );
    // 学籍号 (hashed), classes and birth dates never reach the validated data; the care
    // records' 责任人 and 备注 are kept for the guard alone.
    expect(secrets.studentNos.size).toBe(0);
    expect(secrets.idNumbers.size).toBe(0);
    expect(secrets.classes.size).toBe(0);
    expect(secrets.birthDates.size).toBe(0);
    expect([...secrets.staff].sort()).toEqual(["吴老师", "周老师", "郑老师"].sort());
    expect([...secrets.careNotes].sort()).toEqual(["学习情况良好", "建立留守儿童档案"].sort());
  });

  it("leaves out names that are part of a public place name (a pupil called 河湾)", async () => {
    const dir = await writeDataDir({
      [STUDENTS]: rosterCsv([
        ...BASE_STUDENTS,
        student({ student_no: "G410102201803017774", name: "河湾" }),
      ]),
    });
    const { data, errors } = await validateData(dir, { keepRows: true });
    expect(errors).toBe(0);
    expect(data.years[0]!.schools.some((s) => s.township.includes("河湾"))).toBe(true);
    const secrets = collectSecrets(data);
    expect(secrets.names.has("河湾")).toBe(false);
    expect(secrets.names.has("王小明")).toBe(true);
  });

  it("refuses data validated without its rows, which has no names to look for", async () => {
    const dir = await writeDataDir();
    const { data } = await validateData(dir, { keepRows: false });
    expect(() => collectSecrets(data)).toThrow(/keepRows/);
  });

  it("finds the collected names in the output", async () => {
    const { data } = await validateData(await writeDataDir(), { keepRows: true });
    const hits = await scanOne(
      "index.html",
      "<p>本学期刘小燕同学表现突出</p>",
      collectSecrets(data),
    );
    expect(hits).toEqual([{ file: "index.html", kind: "name", excerpt: "刘＊＊" }]);
  });
});

describe("scanOutput: planted leaks", () => {
  it("reports each leak with its file and kind", async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: "张小明" } })
      .toBuffer();
    const dir = await writeOutput({
      "index.html": CLEAN_HTML.replace("</body>", "<p>优秀学生：王小明</p></body>"),
      "data/2024-2025/lb.sex.csv": `${CLEAN_CSV}4101020001,备注,${VALID_ID},,,,,,,\r\n`,
      "data/2024-2025/tables.json": JSON.stringify({ contact: "13912345678" }),
      "charts/care.svg": CLEAN_SVG.replace("</svg>", `<desc>${CARE_NOTE}</desc></svg>`),
      "photos/zhongqiu.jpg": jpeg,
      "about.html": CLEAN_HTML,
    });
    const hits = await scanOutput(dir, SECRETS);
    expect(hits).toEqual([
      expect.objectContaining({ file: "charts/care.svg", kind: "care-note" }),
      expect.objectContaining({ file: "data/2024-2025/lb.sex.csv", kind: "id-number" }),
      expect.objectContaining({ file: "data/2024-2025/tables.json", kind: "mobile" }),
      expect.objectContaining({ file: "index.html", kind: "name" }),
      expect.objectContaining({ file: "photos/zhongqiu.jpg", kind: "image-metadata" }),
    ]);
  });

  it("never shows a value in full, in the hits or in the log", async () => {
    const values = [
      "王小明",
      VALID_ID,
      "13912345678",
      CARE_NOTE,
      "周建国",
      "一年级(1)班",
      "G410102201803011234",
    ];
    const dir = await writeOutput({
      "a.html": values.join("<br>"),
      "b.json": JSON.stringify({ d: "出生日期：2018-03-01" }),
    });
    const hits = await scanOutput(dir, SECRETS);
    // A value both collected and matching a pattern (the 学籍号, the ID, the class) is one hit.
    expect(kinds(hits)).toEqual(
      [
        "name",
        "id-number",
        "mobile",
        "care-note",
        "staff",
        "class",
        "student-id",
        "birth-date",
      ].sort(),
    );
    const log = formatHits(hits, "dist");
    for (const v of [...values, "2018-03-01"]) {
      for (const h of hits) expect(h.excerpt).not.toContain(v);
      expect(log).not.toContain(v);
    }
    expect(log).toContain("[隐私检查] dist/a.html：发现疑似学生姓名「王＊＊」");
  });

  it("finds a name in a GB18030 download, behind a BOM, and written as escapes", async () => {
    const dir = await writeOutput({
      "gbk.csv": iconv.encode("单位,备注\r\n4101020001,李小红\r\n", "gb18030"),
      "bom.csv": "\uFEFF李小红,1\r\n",
      "escaped.json": '{"n":"\\u674e\\u5c0f\\u7ea2"}',
      "entities.html": "<p>&#x674E;&#23567;&#x7EA2;</p>",
      "link.html": `<a href="/search?q=${encodeURIComponent("李小红")}">查</a>`,
      "utf16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("李小红", "utf16le")]),
      "search-index": "李小红",
    });
    const hits = await scanOutput(dir, SECRETS);
    expect(hits.map((h) => `${h.file}:${h.kind}`)).toEqual([
      "bom.csv:name",
      "entities.html:name",
      "escaped.json:name",
      "gbk.csv:name",
      "link.html:name",
      "search-index:name",
      "utf16.txt:name",
    ]);
  });

  it("searches the raw bytes of images and other binary files", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .png()
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>李小红</dc:creator></x:xmpmeta>')
      .toBuffer();
    // A valid PDF whose properties hold raw UTF-8 bytes, which a PDF reader decodes as
    // PDFDocEncoding: only the search of its bytes finds the name.
    const pdf = minimalPdf({
      pages: [{ ascii: ["Report"] }],
      info: { Author: Buffer.from("王小明"), Subject: "13912345678" },
    });
    const dir = await writeOutput({ "img/a.png": png, "files/report.pdf": pdf });
    const hits = await scanOutput(dir, SECRETS);
    expect(hits.map((h) => `${h.file}:${h.kind}`)).toEqual([
      "files/report.pdf:name",
      "files/report.pdf:mobile",
      "img/a.png:image-metadata",
      "img/a.png:name",
    ]);
    expect(hits[2]!.excerpt).toContain("XMP");
  });

  it("reports an image it cannot read, since its metadata cannot be checked", async () => {
    const hits = await scanOne("photo.webp", Buffer.from("not an image"));
    expect(kinds(hits)).toEqual(["image-metadata"]);
    expect(formatHits(hits)).toContain("无法读取这张图片");
  });

  it("finds files in nested folders and reports paths with forward slashes", async () => {
    const hits = await scanOne("a/b/c/d.html", "周建国老师");
    expect(hits).toEqual([{ file: "a/b/c/d.html", kind: "staff", excerpt: "周＊＊" }]);
  });
});

describe("scanOutput: clean output", () => {
  it("passes ordinary statistics pages, downloads, charts and a photo without metadata", async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    const dir = await writeOutput({
      "index.html": CLEAN_HTML,
      "data/2024-2025/tables.json": CLEAN_JSON,
      "data/2024-2025/lb.type.csv": CLEAN_CSV,
      "charts/trend.svg": CLEAN_SVG,
      "photos/zhongqiu.jpg": jpeg,
      ".lsrt-build": "",
    });
    expect(await scanOutput(dir, SECRETS)).toEqual([]);
  });

  it("passes an empty folder", async () => {
    expect(await scanOutput(await writeOutput({}), SECRETS)).toEqual([]);
  });

  it("does not take an 18-digit number with a wrong check character for an ID number", async () => {
    expect(await scanOne("a.csv", `编号\r\n${INVALID_ID}\r\n`, makeSecrets())).toEqual([]);
    expect(kinds(await scanOne("b.csv", `编号\r\n${VALID_ID}\r\n`, makeSecrets()))).toEqual([
      "id-number",
    ]);
  });

  it("does not take long numbers, decimals or timestamps for mobile numbers", async () => {
    const text = "0.13912345678 139123456789 1736467200000 4101020001 2024-2025 12345678901";
    expect(await scanOne("a.txt", text, makeSecrets())).toEqual([]);
  });

  it("finds mobile numbers written with spaces, dashes or +86", async () => {
    const hits = await scanOne(
      "a.txt",
      "电话 139 1234 5678；手机：139-1234-5679；+8613912345670。",
      makeSecrets(),
    );
    expect(hits.map((h) => h.excerpt)).toEqual(["139＊＊＊＊", "139＊＊＊＊", "+86＊＊＊＊"]);
  });

  it("reports a national 学籍号 once, not also as the ID number inside it", async () => {
    const hits = await scanOne("a.json", `{"no":"G${VALID_ID}"}`, makeSecrets());
    expect(kinds(hits)).toEqual(["student-id"]);
    // Glued to other letters it is no 学籍号, but the ID number in it is still found.
    expect(kinds(await scanOne("b.txt", `xG${VALID_ID}`, makeSecrets()))).toEqual(["id-number"]);
  });

  it("flags a date as a birth date only next to 出生 or when it is a birth date from the input", async () => {
    const none = makeSecrets();
    expect(kinds(await scanOne("a.html", "<th>出生日期</th><td>2018-03-01</td>", none))).toEqual([
      "birth-date",
    ]);
    expect(kinds(await scanOne("b.txt", "2018年3月1日出生", none))).toEqual(["birth-date"]);
    expect(await scanOne("c.txt", "活动日期 2018-03-01，出生率下降", none)).toEqual([]);
    const known = makeSecrets({ birthDates: ["2018-03-01"] });
    expect(kinds(await scanOne("d.txt", "活动于2018年3月1日举行", known))).toEqual(["birth-date"]);
    expect(kinds(await scanOne("e.json", '{"d":"20180301"}', known))).toEqual(["birth-date"]);
    expect(await scanOne("f.txt", "2018-03-012 2018-03-02 120180301", known)).toEqual([]);
  });

  it("flags class labels but not grades", async () => {
    const text = "一年级(1)班；七年级（2）班；初一3班；五年级二班。";
    expect(kinds(await scanOne("a.txt", text, makeSecrets()))).toEqual(Array(4).fill("class"));
    expect(
      await scanOne("b.txt", "一年级 12 人，小班、中班、大班共 30 人，初一 9 人", makeSecrets()),
    ).toEqual([]);
  });

  it("ignores short care notes and placeholder names, and matches ASCII names as words", async () => {
    const secrets = makeSecrets({ names: ["不详", "null", "Tom"], careNotes: ["学习好"] });
    expect(
      await scanOne("a.json", '{"x":null,"note":"学习好","y":"不详","z":"Tomato"}', secrets),
    ).toEqual([]);
    expect(kinds(await scanOne("b.txt", "Tom 同学", secrets))).toEqual(["name"]);
  });
});

describe("scanOutput at scale", () => {
  it("finds 3 planted names among 20,000 in 5 MB of text", async () => {
    // Names from one set of characters, the filler text from a disjoint one, so that the
    // only names in the text are the planted ones.
    const surnames =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    const given =
      "小明红刚丽军燕伟芳娜敏静秀英华慧巧美淑惠珠翠雅芝玉萍玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
    const names = new Set<string>();
    for (let i = 0; names.size < 20_000; i++) {
      const s = surnames[i % surnames.length]!;
      const g1 = given[Math.floor(i / surnames.length) % given.length]!;
      const g2 = given[Math.floor(i / (surnames.length * given.length)) % given.length]!;
      names.add(i < surnames.length * given.length ? s + g1 : s + g1 + g2);
    }
    const filler =
      "本县各校开展关爱活动，参与学生共计人次，其中占比较上年有所上升。数据截至年底。\n";
    const parts: string[] = [];
    let size = 0;
    while (size < 5_000_000) {
      parts.push(filler);
      size += Buffer.byteLength(filler);
    }
    // Two-character names only: a longer one would rightly also hit the shorter names it starts with.
    const pairs = [...names].filter((n) => n.length === 2);
    expect(names.size).toBe(20_000);
    const planted = [pairs[7]!, pairs[12_345]!, pairs.at(-1)!];
    parts.splice(100, 0, planted[0]!);
    parts.splice(30_000, 0, planted[1]!);
    parts.push(planted[2]!);
    const hits = await scanOne("big.html", parts.join(""), makeSecrets({ names }));
    expect(hits.map((h) => h.excerpt)).toEqual(planted.map(maskValue));
  });
});

describe("formatHits", () => {
  it("writes one Chinese line per hit", () => {
    const hits: GuardHit[] = [
      { file: "data/2024-2025/lb.sex.csv", kind: "name", excerpt: "王＊＊" },
      {
        file: "photos/a.jpg",
        kind: "image-metadata",
        excerpt: "图片带有元数据（EXIF），发布前必须清除",
      },
    ];
    expect(formatHits(hits, "dist")).toBe(
      "[隐私检查] dist/data/2024-2025/lb.sex.csv：发现疑似学生姓名「王＊＊」\n" +
        "[隐私检查] dist/photos/a.jpg：图片带有元数据（EXIF），发布前必须清除",
    );
    expect(formatHits([])).toBe("");
  });

  it("lists at most 50 hits and counts the rest", () => {
    const hits: GuardHit[] = Array.from({ length: 73 }, (_, i) => ({
      file: `p${i}.html`,
      kind: "mobile",
      excerpt: "139＊＊＊＊",
    }));
    const lines = formatHits(hits).split("\n");
    expect(lines).toHaveLength(MAX_LISTED_HITS + 1);
    expect(lines[0]).toBe("[隐私检查] p0.html：发现疑似手机号「139＊＊＊＊」");
    expect(lines.at(-1)).toBe("[隐私检查] 另有 23 处疑似泄露未列出（共 73 处）");
  });
});
