/**
 * Factors the symmetric positive-definite `a` (n × n, row-major) in place into its lower
 * Cholesky factor L (a = L·Lᵀ; the upper triangle is left as it was). False when a pivot is not
 * positive, i.e. `a` is not numerically positive definite.
 */
export const choleskyInPlace = (a: Float64Array, n: number): boolean => {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j] as number;
    for (let k = 0; k < j; k++) d -= (a[rowJ + k] as number) ** 2;
    if (!(d > 0)) return false;
    const pivot = Math.sqrt(d);
    a[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j] as number;
      for (let k = 0; k < j; k++) s -= (a[rowI + k] as number) * (a[rowJ + k] as number);
      a[rowI + j] = s / pivot;
    }
  }
  return true;
};

/** Solves L·Lᵀ·x = b for x (written into `out`, which may be `b`), L from `choleskyInPlace`. */
export const choleskySolve = (l: Float64Array, n: number, b: Float64Array, out: Float64Array): void => {
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (out[k] as number);
    out[i] = s / (l[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (out[k] as number);
    out[i] = s / (l[i * n + i] as number);
  }
};
