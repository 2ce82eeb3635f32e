// Dev-only: writes the adversarial documents of tests/data/core/yaml_extra
// (one JSON document per line) to stdout. Deterministic (seeded), so the
// corpus can be regenerated and extended; feed the result to oracle.mjs.
//
//   node gen-cases.mjs > cases.jsonl
//   node gen-cases.mjs SEED COUNT   (random documents only, for a wider hunt)
//
// Objects are built as lists of entries and serialised by hand so that the
// JSON text can list integer-like keys out of JavaScript's order: the C++
// writer must reorder them as JSON.parse does.

const [seedArg, countArg] = process.argv.slice(2).map(Number);
let seed = seedArg || 0x6b8c2f1d;
function random() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];

class Obj {
  constructor(entries) {
    this.entries = entries;
  }
}

function toJson(v) {
  if (v instanceof Obj) return '{' + v.entries.map(([k, x]) => JSON.stringify(k) + ':' + toJson(x)).join(',') + '}';
  if (Array.isArray(v)) return '[' + v.map(toJson).join(',') + ']';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0.0' : String(v);
  if (typeof v === 'object' && v !== null && 'raw' in v) return v.raw; // number text as written
  return JSON.stringify(v);
}

// Pieces that each trip some rule of the writer.
const fragments = [
  ' ', ' ', '  ', '\t', '\n', '\n', '\n\n', ' \n', '\n ', '\t\n', '\n\t', ':', ': ', ':\t', ' #', '#', '\n#',
  '-', '- ', '?', '? ', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '\\', '\\n',
  '---', '...', '--- ', '%YAML', '<<', '~', '=', '/', '.', '_',
  'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'null', 'NULL', '.inf', '-.Inf', '.NaN', '.nan',
  '0x1F', '0b101', '0o17', '0777', '1_000', '190:20:30', '1:60', '12:30.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5', '1e3', 'e5', '.5', '5.', '+12', '-0', '0', '42', '3.14', '1E-7',
  'a', 'b', 'abc', 'key', 'x y', 'http://x', 'a:b', 'ü', 'é', '📬', '日本', '\u2028', '\u2029', '\u0085', '\u00a0',
  '\ufeff', '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\r\n', '\u001b', '\u001f', '\u007f',
  '\u0080', '\u009f',
];

function randomString(maxPieces = 6) {
  let s = '';
  const n = int(maxPieces + 1);
  for (let i = 0; i < n; ++i) s += pick(fragments);
  return s;
}

// Strings whose JSON text is long enough (40+) for the multi-line
// double-quoted form, mixing newlines with characters that force quoting.
function longString() {
  const parts = [];
  const n = 3 + int(8);
  for (let i = 0; i < n; ++i) {
    parts.push(pick(['some words here', 'x', '', ' ', '  lead', 'trail ', '\n', '\n\n', '\u0001', '"', "'", '#', ': ', '\t']));
  }
  return parts.join(pick(['\n', ' ', '', '\n\n', ' \n ']));
}

const specialNumbers = [
  0, -0, 1, -1, 0.1, -0.25, 1e-7, 1.5e-7, 1e-6, 123e-20, 1e21, 1e20, 123456789012345680000, 5e-324,
  1.7976931348623157e308, 2.2250738585072014e-308, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 0.1 + 0.2, 100, 1e100, 4.35,
  { raw: '9007199254740993' }, { raw: '-9007199254740993' }, { raw: '18446744073709551615' },
  { raw: '9223372036854775807' }, { raw: '-9223372036854775808' }, { raw: '1.0' }, { raw: '1e2' }, { raw: '1E+2' },
  { raw: '100000000000000000000000' }, { raw: '0.000001' }, { raw: '-0.0000001' },
];

function randomNumber() {
  switch (int(4)) {
    case 0:
      return pick(specialNumbers);
    case 1:
      return int(2000001) - 1000000;
    case 2: {
      // random bit patterns: any finite double
      const buf = new DataView(new ArrayBuffer(8));
      buf.setUint32(0, Math.floor(random() * 4294967296));
      buf.setUint32(4, Math.floor(random() * 4294967296));
      const v = buf.getFloat64(0);
      return Number.isFinite(v) ? v : 0.5;
    }
    default:
      return (random() - 0.5) * 10 ** (int(40) - 20);
  }
}

const integerKeys = ['0', '1', '2', '10', '9', '007', '01', '-1', '1.5', '4294967294', '4294967295', '99999999999', '1e3'];

function randomKey() {
  switch (int(8)) {
    case 0:
      return pick(integerKeys);
    case 1:
      return longString();
    case 2:
      return '';
    default:
      return randomString(4);
  }
}

function randomScalar() {
  switch (int(10)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
    case 3:
      return randomNumber();
    case 4:
      return longString();
    default:
      return randomString();
  }
}

function randomValue(depth) {
  const r = random();
  if (depth <= 0 || r < 0.45) return randomScalar();
  if (r < 0.5) return random() < 0.5 ? [] : new Obj([]);
  const n = 1 + int(4);
  if (r < 0.72) return Array.from({ length: n }, () => randomValue(depth - 1));
  const entries = [];
  const seen = new Set();
  for (let i = 0; i < n; ++i) {
    const k = randomKey();
    if (seen.has(k)) continue;
    seen.add(k);
    entries.push([k, randomValue(depth - 1)]);
  }
  return new Obj(entries);
}

// Short strings over small alphabets hit the edges of the character rules
// (and of the implicit-type patterns) far more densely than prose does.
const alphabets = [
  [' ', '\t', '\n', ':', '#', '-', '?', '.', '%', '"', "'", '0', '1', '5', '_', 'e', 'x', 'a', 'T', 'Z', '+', '\u0001', '\u2028', '<', '\\', '|'],
  '0123456789-:.tTZ +_eE\t'.split(''),
  ' \n\ta"\''.split(''),
  'yYeEsSnNoOtTrRuUfFaAlL~<.iInN'.split(''),
  '01bx_+-.:eE9aF'.split(''),
];

function soupString() {
  const a = pick(alphabets);
  const len = int(int(3) === 0 ? 70 : 12);
  let s = '';
  for (let j = 0; j < len; ++j) s += pick(a);
  return s;
}

function soupDocument() {
  const s = soupString();
  return pick([s, new Obj([['v', s]]), new Obj([[s, [s, new Obj([[s, s]])]]]), [s, [s]], new Obj([['a', new Obj([[s, s]])]])]);
}

// Cases written out by hand: the rules one at a time.
const handWritten = [
  '', ' ', '\n', '\n\n', ' \n', '\n ', 'a\n', 'a\n\n', 'a\n\n\n', '\na', '\n\na', ' a\nb', '  a\n b\n', ' \na',
  '\n a', 'a\n ', 'a\n\t', 'a \nb', 'a\t\nb', 'a\n\nb\n\n', '\n\n \n', ' \n\n', 'x\n \n', 'x\n\n \ny',
  '---', '--- a', '---\n', 'a\n---', 'a\n---\nb', '...', 'a\n...', '%x', 'a\n%x', 'a\u2028---', 'a\u2028b',
  '-', '?', '- a', '? a', '-a', '?a', 'a: b', 'a:b', 'a:', 'a :', 'a #b', 'a#b', '#a', 'a\t#',
  '<<', '<< ', 'yes', 'Yes', 'YES', 'yEs', 'y', 'Y', 'n', 'on', 'On', 'oN', 'off', 'OFF', 'Off', 'true', 'tRue',
  'null', 'Null', 'nULL', '~', '0', '00', '08', '0o17', '0b', '0b2', '0b_', '0x', '0x_', '0xG', '+0x1', '-0b1',
  '1_000', '_1', '1__', '.', '-.', '+.', '._', '1.', '1.e5', '.e5', 'e5', 'E5', '-e5', '_e5', '1e', '1e+', '1e+5',
  '.inf', '+.inf', '-.INF', '.Inf', '-.nan', '.NaN', '190:20:30', '1:60', '1:6', '1:59', '1:123', '1:5.5', '-1:30',
  '1:2:3:4', '1:2.', '1:2._', '2001-12-14', '2001-1-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5',
  '2001-12-14\t21:59:43', '2001-12-14 21:59:43 ', '2001-12-14 21:59:43.', '2001-12-14 21:59:43Z', '2001-12-14 1:2:3 Z',
  '2001-12-14 1:2:3+30', '2001-12-14 1:2:3+3:00', '2001-12-14 1:2:3+03:0', '2001-12-14T1:2:3', '20011-12-14',
  '"', "'", '"a\'', 'it\'s', 'say "hi"', '"\n"', "'\n'", '"\n a', 'a"\n\'b',
  '\u0001', 'a\u0000b', '\u0007\u000b\u001b', '\u0085', '\u00a0', '\u007f', '\u0080', '\u2028', '\u2029', '\ufeff',
  'a\rb', 'a\r\nb', '\t', 'a\tb', '\ta', 'a\t', '😀', 'x😀y',
  'short\n\u0001', 'this line is comfortably longer than forty\nand then\u0001',
  'this line is comfortably longer than forty \n then a space before the break\u0001',
  'this line is comfortably longer than forty\n then a space after the break\u0001',
  'this line is comfortably longer than forty\n\n\n several breaks \n \u0001',
  'this line is comfortably longer than forty\n', '\u0001this line is comfortably longer than forty\n',
  'ends with a break after a long enough text here\n\u0001\n',
  'x'.repeat(1020), 'x'.repeat(1025), '日'.repeat(1030), '😀'.repeat(600), 'yes' + ' '.repeat(1030),
];

const docs = [];
if (countArg) {
  for (let i = 0; i < countArg; ++i) docs.push(randomValue(1 + int(4)));
  process.stdout.write(docs.map((d) => toJson(d) + '\n').join(''));
  process.exit(0);
}
for (const s of handWritten) {
  docs.push(s);
  docs.push(new Obj([['v', s]]));
  docs.push([s, [s]]);
  docs.push(new Obj([[s, 1]]));
  docs.push(new Obj([['m', new Obj([[s, new Obj([[s, s]])]])]]));
}
docs.push(
  new Obj([['b', 1], ['10', 2], ['a', 3], ['2', 4], ['007', 5], ['4294967295', 6], ['4294967294', 7], ['-1', 8]]),
  new Obj([['x'.repeat(1030), [1, 2]], ['y'.repeat(1030), new Obj([['a', 1], ['b', [1]]])], ['z'.repeat(1030), null]]),
  new Obj([['x'.repeat(1030), []], ['y'.repeat(1030), new Obj([])]]),
  [[[]], [new Obj([])], [[1, [2, [3]]]], [new Obj([['a', [new Obj([['b', 'c']])]]])]],
  ...specialNumbers,
  ...specialNumbers.map((n) => new Obj([['n', n]])),
  null, true, false, [], new Obj([]), [null], new Obj([['k', null]]),
);
for (let i = 0; i < 400; ++i) docs.push(soupDocument());
for (let i = 0; docs.length < 1500; ++i) docs.push(randomValue(1 + int(4)));

process.stdout.write(docs.map((d) => toJson(d) + '\n').join(''));
