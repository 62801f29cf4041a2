// The lottery algorithm as published on the verification page: exact enough to re-implement in any language.
// test/fixtures/lottery_draw.py was written from this text alone and reproduces published draws. Kept out of
// the vue-i18n message files because its JSON braces would be read as placeholders; the page picks the language.
// In the Chinese text the names the publication uses (fields, functions, the example's ids) are `quoted`: the page
// shows them as code, as written, for they are the same in every language.
export const zh = {
  lotteryAlgo: {
    heading: '摇号算法（可用任何编程语言独立重现）',
    intro:
      '格式 `learncity-lottery/1`。下载的公示数据（JSON）包含全部输入：`seed`、`seedHash`、`offerings`（班级 `id` 与名额 `seats`）、`applications`（代号 `token`、最多可中数 `quota`、按志愿顺序排列的 `choices`，每项含 `offeringId` 与 `priority`）、`listDigest` 和 `results`。所有哈希都写成小写十六进制。',
    steps: [
      '种子：`seed` 是 64 个小写十六进制字符，表示 32 个字节。报名开始前公布 `seedHash` = `SHA-256`（这 32 个字节）；摇号时公开 `seed`。注意是对 32 个字节求哈希，不是对 64 个字符的文本。',
      '代号：每位申请人的 `token` = `HMAC-SHA256`（密钥为 `seed` 的 32 个字节，消息为 `"token:"` + 居民 `id` 的 UTF-8 字节） 的小写十六进制的前 32 个字符。`token` 只含 0–9 和 `a`–`f`；班级 `id` 只含 ASCII 字母、数字和连字符。',
      '名单摘要：把名单写成一行 JSON，不含任何空格或换行：`{"offerings":[…],"applications":[…]}`。`offerings` 按 `id` 升序，每项的键依次为 `id`、`seats`；`applications` 按 `token` 升序，每项的键依次为 `token`、`quota`、`choices`；`choices` 保持居民填写的志愿顺序，每项的键依次为 `offeringId`、`priority`（`true` 或 `false`）。升序即逐字节比较。数字写成不带小数点的整数。`listDigest` = `SHA-256`（这行文本的 UTF-8 字节）。',
      '顺序：每位申请人的排序键 = `HMAC-SHA256`（密钥为 `seed` 的 32 个字节，消息为 `"order:"` + `token` 的 UTF-8 字节） 的 64 个小写十六进制字符。按排序键升序（逐字节比较）排列全部申请人；排序键相同时按 `token` 升序。',
      '分配：剩余名额从 `offerings` 的 `seats` 开始（负数按 0，不在 `offerings` 中的班级为 0）。设 `R` 为所有 `quota` 中的最大值。第 `r` 轮（`r` = 1 … `R`）先做“优先”一遍，再做“普通”一遍；每一遍按第 4 步的顺序逐个处理申请人：已中班级数 ≥ `min(r, quota)` 的跳过；否则从第一志愿起找第一个满足条件的志愿——本人尚未中该班、该班剩余名额大于 0，且在“优先”一遍中该志愿的 `priority` 为 `true`（“普通”一遍不看 `priority`）。找到就把该班名额减 1，并把 `{token, offeringId}` 追加到结果末尾；找不到则本遍不分配。',
      '核验：`results` 就是第 5 步依次追加得到的列表。`SHA-256`（`seed` 的字节） 应等于 `seedHash`；第 3 步的摘要应等于 `listDigest`；重新计算的 `results` 应与公布的 `results` 完全相同，顺序也相同。',
    ],
    exampleHeading: '演算示例',
    exampleIntro:
      '4 位申请人，2 个班级：`class-a` 有 2 个名额，`class-b` 有 1 个。`resident-2` 只报 `class-a`，并在该班享有优先；`resident-3` 最多可中 2 个班。',
    seed: '种子 `seed`',
    seedHash: '`seedHash = SHA-256(seed)`',
    tokens: '代号 `token`（第 2 步）',
    canonical: '名单的规范文本（第 3 步）',
    digest: '`listDigest`',
    orderKeys: '排序键（第 4 步）',
    order: '顺序',
    results: '结果（第 5 步）',
    walk: '第 1 轮优先一遍：`resident-2` 得 `class-a`。普通一遍：`resident-3` 得第一志愿 `class-b`；`resident-4` 得 `class-a` 的最后一个名额；`resident-1` 的两个志愿都已满，未中。第 2 轮：只有 `resident-3` 还能再中，但 `class-a` 已满，不再分配。',
  },
};

export const en: typeof zh = {
  lotteryAlgo: {
    heading: 'The draw algorithm (re-implement it in any programming language)',
    intro:
      'Format learncity-lottery/1. The downloadable publication (JSON) holds every input: seed, seedHash, offerings (class id and seats), applications (token, quota = most classes one may win, and choices in ranked order, each with offeringId and priority), listDigest and results. Every hash is written in lowercase hexadecimal.',
    steps: [
      'Seed: the seed is 64 lowercase hex characters, i.e. 32 bytes. Before applications open, seedHash = SHA-256(those 32 bytes) is published; the seed is revealed at the draw. Hash the 32 bytes, not the 64-character text.',
      'Tokens: each applicant\'s token is the first 32 characters of the lowercase hex of HMAC-SHA256(key = the seed\'s 32 bytes, message = the UTF-8 bytes of "token:" + resident id). Tokens contain only 0–9 and a–f; class ids only ASCII letters, digits and hyphens.',
      'List digest: write the list as one line of JSON with no spaces or line breaks: {"offerings":[…],"applications":[…]}. Offerings sorted by id ascending, keys in the order id, seats; applications sorted by token ascending, keys in the order token, quota, choices; choices kept in the applicant\'s ranked order, keys in the order offeringId, priority (true or false). Ascending means byte by byte. Numbers are integers without a decimal point. listDigest = SHA-256(the UTF-8 bytes of that line).',
      'Order: each applicant\'s sort key is the 64 lowercase hex characters of HMAC-SHA256(key = the seed\'s 32 bytes, message = the UTF-8 bytes of "order:" + token). Sort all applicants by sort key ascending (byte by byte); equal keys by token ascending.',
      "Allocation: free seats start at each offering's seats (negative counts as 0; a class not among the offerings has 0). Let R be the largest quota. In round r (r = 1 … R) make a priority pass, then an open pass; each pass takes the applicants in the order of step 4: skip anyone who already holds min(r, quota) or more classes; otherwise take their first choice, from choice 1 down, that they do not hold yet, that has a free seat, and, in the priority pass only, whose priority is true. If found, take one seat from that class and append {token, offeringId} to the results; if not, nothing is allocated to them in that pass.",
      "Verification: results is the list appended in step 5, in that order. SHA-256(the seed's bytes) must equal seedHash; the digest of step 3 must equal listDigest; the recomputed results must equal the published results exactly, order included.",
    ],
    exampleHeading: 'Worked example',
    exampleIntro:
      'Four applicants, two classes: class-a with 2 seats, class-b with 1. resident-2 chose only class-a and has priority there; resident-3 may win up to 2 classes.',
    seed: 'Seed',
    seedHash: 'seedHash = SHA-256(seed)',
    tokens: 'Tokens (step 2)',
    canonical: 'Canonical list text (step 3)',
    digest: 'listDigest',
    orderKeys: 'Sort keys (step 4)',
    order: 'Order',
    results: 'Results (step 5)',
    walk: "Round 1, priority pass: resident-2 gets class-a. Open pass: resident-3 gets their first choice, class-b; resident-4 gets the last seat of class-a; both of resident-1's choices are full, so nothing. Round 2: only resident-3 may win another, but class-a is full, so nothing more is allocated.",
  },
};
