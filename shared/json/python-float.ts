/**
 * Python float formatting and rounding, bit-exact.
 *
 * The request hash (spec §5.1) rounds floats with Python `round(x, 5)`, formats numeric strings
 * with `format(x, ".5f")` and prints floats with `repr`. All three depend on the exact binary
 * value of the double, so the rounding helpers work on its exact decimal expansion with BigInt.
 */

/**
 * Python `repr(float)`: shortest round-trip digits; exponent form when the decimal exponent is
 * < -4 or >= 16 (`1e-05`, `1.5e+16`), otherwise fixed with at least one fractional digit.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e16) {
    // JS prints [1e-6, 1e21) in fixed notation with the same shortest digits Python uses
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  // toExponential() without argument = shortest round-trip digits, "d.ddde±N"
  const e = x.toExponential();
  const ePos = e.indexOf('e');
  const mant = e.slice(0, ePos);
  const exp = Number(e.slice(ePos + 1));
  const sign = exp < 0 ? '-' : '+';
  const absExp = exp < 0 ? -exp : exp;
  return mant + 'e' + sign + (absExp < 10 ? '0' : '') + absExp;
}

/** Exact value of a finite double as sign * mant * 2^exp2 (mant >= 0, a BigInt). */
function decompose(x: number): { negative: boolean; mant: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074; // subnormal
  else {
    mant |= 1n << 52n;
    exp2 = biased - 1075;
  }
  return { negative, mant, exp2 };
}

const POW10: bigint[] = [];
function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    if (n < 400) POW10[n] = p;
  }
  return p;
}

/**
 * |x| * 10^ndigits rounded to an integer, half to even, computed on the exact binary value.
 * Returns the integer and the sign of x.
 */
function scaledRoundHalfEven(x: number, ndigits: number): { negative: boolean; q: bigint } {
  const { negative, mant, exp2 } = decompose(x);
  let num = mant;
  let den = 1n;
  if (ndigits >= 0) num *= pow10(ndigits);
  else den *= pow10(-ndigits);
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  let q = num / den;
  const r2 = (num - q * den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) q += 1n;
  return { negative, q };
}

/**
 * Python `round(x, ndigits)` for a float: the exact binary value rounded half-to-even
 * (`round(0.015625, 5) == 0.01562`, `round(1e-06, 5) == 0.0`, sign of zero kept).
 * Where Python raises OverflowError (result too large) this returns ±Infinity.
 */
export function pythonRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (!Number.isInteger(ndigits)) throw new RangeError('ndigits must be an integer');
  // doubles >= 2^52 are integers; with ndigits >= 0 they are already "rounded"
  if (ndigits >= 0 && (Number.isInteger(x) || ndigits > 1100)) return x;
  if (ndigits < -330) return x < 0 ? -0 : 0; // |x| < 1e309 rounds to zero, as Python does
  const { negative, q } = scaledRoundHalfEven(x, ndigits);
  const v = Number(`${q}e${-ndigits}`);
  return negative ? -v : v;
}

/**
 * Python `format(x, ".{digits}f")`: exact decimal value rounded half-to-even, `-0.00000` kept for
 * negative values that round to zero, `nan` / `inf` / `-inf` for non-finite values.
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError('digits must be a non-negative integer');
  const { negative, q } = scaledRoundHalfEven(x, digits);
  let s = q.toString();
  if (digits > 0) {
    if (s.length <= digits) s = '0'.repeat(digits - s.length + 1) + s;
    s = s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits);
  }
  return negative ? '-' + s : s;
}
