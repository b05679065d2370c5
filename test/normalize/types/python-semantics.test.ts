// Python semantics the coercions rely on, checked against values produced by
// CPython 3.11 (repr(float), str(Decimal(float)), float(), int(), Decimal(),
// datetime.fromtimestamp(ts, timezone.utc)). Floats are given by their IEEE
// bytes (little-endian hex) so that the inputs are exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalFromFloat, formatPyDecimal, parsePyDecimal } from '../../../src/normalize/types/py-decimal.js';
import { parsePyFloat, parsePyInt, pyFloatRepr } from '../../../src/normalize/types/py-number.js';
import { digitValue, pyStrip } from '../../../src/normalize/types/py-text.js';
import { civilFromUnixSeconds, formatTimestamp } from '../../../src/normalize/types/timestamp.js';

const f64 = (hex: string) => Buffer.from(hex, 'hex').readDoubleLE(0);

/** [IEEE bytes, repr(x), str(Decimal(x))] */
const FLOATS: [string, string, string][] = [
  ['0080e03779c34143', '1e+16', '10000000000000000'],
  ['00003426f56b0c43', '1000000000000000.0', '1000000000000000'],
  ['2d431cebe2361a3f', '0.0001', '0.000100000000000000004792173602385929598312941379845142364501953125'],
  ['f168e388b5f8e43e', '1e-05', '0.000010000000000000000818030539140313095458623138256371021270751953125'],
  ['0000000000000080', '-0.0', '-0'],
  ['0000000000000000', '0.0', '0'],
  ['0100000000000000', '5e-324', '4.940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359923797965646954457177309266567103559397963987747960107818781263007131903114045278458171678489821036887186360569987307230500063874091535649843873124733972731696151400317153853980741262385655911710266585566867681870395603106249319452715914924553293054565444011274801297099995419319894090804165633245247571478690147267801593552386115501348035264934720193790268107107491703332226844753335720832431936092382893458368060106011506169809753078342277318329247904982524730776375927247874656084778203734469699533647017972677717585125660551199131504891101451037862738167250955837389733598993664809941164205702637090279242767544565229087538682506419718265533447265625E-324'],
  ['ffffffffffffef7f', '1.7976931348623157e+308', '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368'],
  ['b6f37d54346f9d41', '123456789.123', '123456789.1229999959468841552734375'],
  ['92d54d06cff08044', '1e+22', '10000000000000000000000'],
  ['50efe2d6e41a4b44', '1e+21', '1000000000000000000000'],
  ['0000000000004043', '9007199254740992.0', '9007199254740992'],
  ['9a9999999999b93f', '0.1', '0.1000000000000000055511151231257827021181583404541015625'],
  ['0000000000005940', '100.0', '100'],
  ['e6ae25e483f89ac0', '-1726.1288', '-1726.12879999999995561665855348110198974609375'],
  ['95d626e80b2ef13d', '2.5e-10', '2.50000000000000015570397864444964104724267173196494695730507373809814453125E-10'],
  ['555555555555d53f', '0.3333333333333333', '0.333333333333333314829616256247390992939472198486328125'],
  ['555555555555e5bf', '-0.6666666666666666', '-0.66666666666666662965923251249478198587894439697265625'],
  ['350f63bab4697b43', '1.2345678901234568e+17', '123456789012345680'],
  ['46d26ef4311f203f', '0.000123', '0.0001230000000000000081983031474663903281907550990581512451171875'],
  ['48afbc9af2d77a3e', '1e-07', '9.99999999999999954748111825886258685613938723690807819366455078125E-8'],
  ['2211c7c2c9d4c001', '3.14159e-300', '3.14159000000000027083398157860998823740965975630411982966622079070238869693222831725795297525501649482769023935048337160311960686926800333576940295377890554610247255038668539620978959624890072201179466149346659932135156937203456225116677834222660269015175961824712357897957557842793992119650901012089648640247095465165074902619237876925692659280759571192662072893398525032257182145725372643190367338352312203534185757748797402021833474269213627188018923050305143107008359198247287427323354538603846447306649963540323606972594914915531839604553180018779979314217135151969364417695462637903025526737833941460006549971188490958448089150699815235513007866126041610736959952819552920755295749198557330321264166074490820079745390103198587894439697265625E-300'],
  ['45dde6b04d62ccc1', '-952408929.8036276', '-952408929.80362761020660400390625'],
  ['0e6c0f4565e4e244', '7.13726012769499e+23', '713726012769499049099264'],
  ['74a62d322df724c1', '-686998.5980045334', '-686998.5980045334435999393463134765625'],
  ['0a3b2d32bffc333d', '7.100912718085173e-14', '7.100912718085173107062066603073280241496291476099855799475335516035556793212890625E-14'],
  ['50a2dd47fa0e58c1', '-6306793.122902468', '-6306793.12290246784687042236328125'],
  ['f942fff472a291c2', '-4847352758224.743', '-4847352758224.7431640625'],
  ['dc94dc60574bf13b', '5.859537450399053e-20', '5.8595374503990527579186890649985851565232383583603655539950860742237637168727815151214599609375E-20'],
  ['559316ea2aa168bc', '-1.0681369448600319e-17', '-1.06813694486003189358375079678420789064749194942718392431491025718059972859919071197509765625E-17'],
  ['a0801ce32667dcc3', '-8.186589250163212e+18', '-8186589250163212288'],
  ['c21776a8c1908342', '2689055657666.9697', '2689055657666.9697265625'],
  ['e751684018238e40', '964.3868415975566', '964.3868415975565540065872482955455780029296875'],
  ['17503b9693ffbb42', '30784506706768.09', '30784506706768.08984375'],
];

/** [IEEE bytes, datetime.fromtimestamp(x, timezone.utc) without tz, or null when Python raises] */
const FROM_TIMESTAMP: [string, string | null][] = [
  ['000000000000e03f', '1970-01-01T00:00:00.500000'],
  ['000000000000e0bf', '1969-12-31T23:59:59.500000'],
  ['06bd37860000f03f', '1970-01-01T00:00:01.000001'],
  ['8dedb5a0f7c6a03e', '1970-01-01T00:00:00.000000'],
  ['54e41071732ab93e', '1970-01-01T00:00:00.000002'],
  ['f168e388b5f8c43e', '1970-01-01T00:00:00.000002'],
  ['8dedb5a0f7c6a0be', '1970-01-01T00:00:00.000000'],
  ['2375af60b756d841', '2021-10-04T10:54:58.741524'],
  ['b4e6078099fbd741', '2021-01-01T00:00:00.123456'],
  ['000000ee23ef2cc2', '0001-01-01T00:00:00.000000'],
  ['000001ee23ef2cc2', null],
  ['0000c020fa7f4d42', null],
  ['0000c020fa7f4d42', null],
  ['000000205fa00242', '2286-11-20T17:46:40.000000'],
  ['000000205fa002c2', '1653-02-10T06:13:20.000000'],
  ['c879ffffff17f540', '1970-01-01T23:59:59.999999'],
  ['c1d037e653a54042', '6501-01-22T13:13:19.630890'],
  ['dcf5f6edee4f3f42', '6231-08-30T20:52:06.960388'],
  ['acb74ad456514742', '8317-03-09T09:44:53.434937'],
  ['5459055630a723c2', '0632-08-03T00:21:17.325531'],
  ['4030042d0fb227c2', '0357-06-30T01:23:09.905762'],
  ['a20b1e496f134942', '8795-10-09T04:10:36.090881'],
  ['ecf580f3c2953d42', '5996-07-31T14:58:08.960632'],
  ['42c5c87d5c594542', '7781-04-21T19:25:05.541077'],
  ['c0deff6366022342', '3263-08-10T13:47:43.935059'],
  ['e4c686f6e9f23c42', '5910-01-02T18:05:58.776917'],
];

test('repr(float) and str(Decimal(float))', () => {
  for (const [hex, repr, dec] of FLOATS) {
    const x = f64(hex);
    assert.equal(pyFloatRepr(x), repr, hex);
    assert.equal(formatPyDecimal(decimalFromFloat(x)), dec, hex);
  }
  assert.equal(pyFloatRepr(NaN), 'nan');
  assert.equal(pyFloatRepr(Infinity), 'inf');
});

test('datetime.fromtimestamp: modf, microseconds rounded half to even, years 1..9999', () => {
  for (const [hex, expected] of FROM_TIMESTAMP) {
    const c = civilFromUnixSeconds(f64(hex));
    const got = c === undefined ? null : formatTimestamp(c).slice(0, -1);
    // Python's isoformat(timespec='microseconds') always prints the fraction
    assert.equal(got === null ? null : got.includes('.') ? got : got + '.000000', expected, `${f64(hex)}`);
  }
  assert.equal(civilFromUnixSeconds(NaN), undefined);
  assert.equal(civilFromUnixSeconds(-Infinity), undefined);
});

test('float(s)', () => {
  const cases: [string, number | undefined][] = [
    ['1', 1], ['-1', -1], [' 12 ', 12], ['+5', 5], ['1_000', 1000], ['1.5', 1.5], ['1e5', 1e5], ['1E-5', 1e-5],
    ['.5', 0.5], ['5.', 5], ['1.5e300', 1.5e300], ['1e400', Infinity], ['-1e400', -Infinity], ['1e-400', 0],
    ['007', 7], ['\x0b1\x0c', 1], ['١٢', 12], ['１２.５', 12.5], ['\u20031\u2003', 1], ['1_0.5_5', 10.55], ['1e1_0', 1e10],
    ['inf', Infinity], ['-Infinity', -Infinity], ['infinity', Infinity],
    ['1__0', undefined], ['_1', undefined], ['1_', undefined], ['1_.5', undefined], ['1._5', undefined], ['1e_10', undefined],
    ['.', undefined], ['', undefined], ['  ', undefined], ['-', undefined], ['+', undefined], ['infinit', undefined],
    ['nan1', undefined], ['1e', undefined], ['1e+', undefined], ['0x10', undefined], ['12a', undefined], ['1 000', undefined],
    ['+-1', undefined], ['--1', undefined], ['1\x1c', undefined], ['1\x00', undefined], ['٣.٥', 3.5],
  ];
  for (const [s, expected] of cases) assert.equal(parsePyFloat(s), expected, JSON.stringify(s));
  assert.ok(Number.isNaN(parsePyFloat('nAn')));
  assert.ok(Number.isNaN(parsePyFloat('-nan')));
});

test('int(s) and int(s, 16)', () => {
  const dec: [string, bigint | undefined][] = [
    ['1', 1n], ['-1', -1n], [' 12 ', 12n], ['+5', 5n], ['1_000', 1000n], ['0_0', 0n], ['00012', 12n], ['١٢', 12n],
    ['\x0b1\x0c', 1n], ['99999999999999999999999', 99999999999999999999999n],
    ['1__0', undefined], ['_1', undefined], ['1_', undefined], ['1.5', undefined], ['1e5', undefined], ['', undefined],
    ['-', undefined], ['0x10', undefined], ['1 000', undefined], ['+-1', undefined], ['1\x1c', undefined],
  ];
  for (const [s, expected] of dec) assert.equal(parsePyInt(s, 10), expected, JSON.stringify(s));
  const hex: [string, bigint | undefined][] = [
    ['ff', 255n], ['FF', 255n], ['0xff', 255n], ['0Xff', 255n], ['0x_ff', 255n], ['f_f', 255n], ['-ff', -255n], ['+ff', 255n],
    [' ff ', 255n], ['0x0xff', undefined], ['-0xff', -255n], ['١٢', 18n], ['7fffffffffffffff', 9223372036854775807n],
    ['_ff', undefined], ['f__f', undefined], ['ff_', undefined], ['0x', undefined], ['g', undefined], ['', undefined],
    ['0x-ff', undefined], ['0_x_ff', undefined],
  ];
  for (const [s, expected] of hex) assert.equal(parsePyInt(s, 16), expected, JSON.stringify(s));
});

test('Decimal(s) and str(Decimal)', () => {
  const cases: [string, string | undefined][] = [
    ['1_000', '1000'], ['1__0', '10'], ['_1', '1'], ['1_', '1'], ['1_.5', '1.5'], ['1e1_0', '1E+10'], [' 1 ', '1'],
    ['1.50', '1.50'], ['1e3', '1E+3'], ['0.0000001', '1E-7'], ['0.000001', '0.000001'], ['-0', '-0'], ['+0', '0'],
    ['NaN123', 'NaN123'], ['NaN0012', 'NaN12'], ['sNaN', 'sNaN'], ['SNAN00', 'sNaN'], ['-nan', '-NaN'],
    ['inf', 'Infinity'], ['iNF', 'Infinity'], ['-Infinity', '-Infinity'], ['+.5', '0.5'], ['5.', '5'], ['١٢', '12'],
    ['0.00', '0.00'], ['0E+3', '0E+3'], ['-0.0', '-0.0'], ['00012.3400', '12.3400'], ['1.e5', '1E+5'],
    ['1e999999999999999', '1E+999999999999999'], ['1E+30', '1E+30'], ['-12.50e-3', '-0.01250'],
    ['123456789012345678901234567890.123', '123456789012345678901234567890.123'], ['\u20031', '1'], ['1\x1c', '1'],
    ['1 000', undefined], ['0x10', undefined], ['1e', undefined], ['.', undefined], ['-', undefined], ['.e5', undefined],
    ['1e+', undefined], ['1e5.5', undefined], ['NaN1e3', undefined], ['_ 1', undefined], ['1 _', undefined], ['١٢٫٣', undefined],
    ['', undefined],
  ];
  for (const [s, expected] of cases) {
    const d = parsePyDecimal(s);
    assert.equal(d === undefined ? undefined : formatPyDecimal(d), expected, JSON.stringify(s));
  }
});

test('str.strip() whitespace and Unicode digit values', () => {
  assert.equal(pyStrip('\x1c\x1d\x1e\x1f \t\n\x0b\x0c\r\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000x\u3000'), 'x');
  assert.equal(pyStrip('\u200bx'), '\u200bx'); // zero-width space is not whitespace in Python
  assert.equal(pyStrip('\ufeffx'), '\ufeffx');
  assert.equal(digitValue(0x37), 7);
  assert.equal(digitValue(0x669), 9); // ARABIC-INDIC DIGIT NINE
  assert.equal(digitValue(0xff10), 0); // FULLWIDTH DIGIT ZERO
  assert.equal(digitValue(0x1d7d9), 1); // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE (adjacent digit sets)
  assert.equal(digitValue(0x1d7ff), 9);
  assert.equal(digitValue(0xbd), -1); // VULGAR FRACTION ONE HALF is numeric, not a decimal digit
  assert.equal(digitValue(0x2460), -1); // CIRCLED DIGIT ONE is No, not Nd
});
