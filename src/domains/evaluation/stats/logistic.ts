import { CholeskyDecomposition, Matrix } from 'ml-matrix'

/**
 * Logistic regression by iteratively reweighted least squares (Newton-Raphson on the
 * log-likelihood), as used for the propensity score. Inputs are standardised before fitting so
 * the Newton steps are well scaled whatever the units (age in years, counts, 0/1 indicators), and
 * the coefficients are turned back to the original scale afterwards.
 *
 * Columns that carry no information are dropped and reported rather than left to make the system
 * singular: constant columns, and columns that are an exact linear combination of earlier ones
 * (e.g. two "missing" indicators that are always missing together).
 *
 * Separation (a column that predicts treatment perfectly, so its coefficient runs off to
 * infinity) is detected two ways and reported: an indicator whose 1s (or 0s) are all treated or
 * all untreated, and a fit whose standardised coefficients grow beyond any plausible size or
 * that does not converge.
 */
export interface LogisticFit {
  /** Coefficients on the original scale; intercept first, then one per kept column. */
  intercept: number
  coefficients: number[]
  /** Index (into the input columns) of each kept column, in the order of `coefficients`. */
  kept: number[]
  dropped: { column: number; reason: 'constant' | 'collinear' }[]
  converged: boolean
  iterations: number
  deviance: number
  separation: { column: number; kind: 'quasi_complete' }[]
  separationSuspected: boolean
  /** Linear predictor (the logit of the propensity) for every row. */
  linearPredictor: Float64Array
}

export interface LogisticOptions {
  maxIterations?: number
  tolerance?: number
}

/** x is row-major, n rows by p columns, without an intercept column. */
export function fitLogistic(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticFit {
  const maxIterations = options.maxIterations ?? 50
  const tolerance = options.tolerance ?? 1e-8
  const { mean, sd } = columnMoments(x, n, p)
  const dropped: LogisticFit['dropped'] = []
  const nonConstant: number[] = []
  for (let j = 0; j < p; j++) {
    if ((sd[j] ?? 0) < 1e-12) dropped.push({ column: j, reason: 'constant' })
    else nonConstant.push(j)
  }
  const kept = independentColumns(x, n, p, nonConstant, mean, sd, dropped)
  const q = kept.length + 1
  // Standardised design with an intercept, row-major.
  const z = new Float64Array(n * q)
  for (let i = 0; i < n; i++) {
    z[i * q] = 1
    for (let c = 0; c < kept.length; c++) {
      const j = kept[c]!
      z[i * q + c + 1] = (x[i * p + j]! - mean[j]!) / sd[j]!
    }
  }
  const beta = new Float64Array(q)
  const eta = new Float64Array(n)
  let converged = false
  let iterations = 0
  let deviance = Infinity
  for (; iterations < maxIterations && !converged; iterations++) {
    const h = new Float64Array(q * q)
    const g = new Float64Array(q)
    for (let i = 0; i < n; i++) {
      const row = i * q
      const mu = 1 / (1 + Math.exp(-eta[i]!))
      const w = Math.max(mu * (1 - mu), 1e-10)
      const r = (y[i] ?? 0) - mu
      for (let a = 0; a < q; a++) {
        const za = z[row + a]!
        g[a]! += za * r
        const wza = w * za
        for (let b = a; b < q; b++) h[a * q + b]! += wza * z[row + b]!
      }
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) h[a * q + b] = h[b * q + a]!
    const step = solveSymmetric(h, g, q)
    let largest = 0
    for (let a = 0; a < q; a++) {
      beta[a]! += step[a]!
      largest = Math.max(largest, Math.abs(step[a]!))
    }
    const previous = deviance
    deviance = 0
    for (let i = 0; i < n; i++) {
      let s = 0
      const row = i * q
      for (let a = 0; a < q; a++) s += z[row + a]! * beta[a]!
      eta[i] = s
      const yi = y[i] ?? 0
      // log(1 + e^s) computed stably for large |s|.
      const softplus = s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))
      deviance += 2 * (softplus - yi * s)
    }
    converged = largest < tolerance || Math.abs(previous - deviance) < tolerance * (Math.abs(deviance) + 0.1)
  }
  const separation = quasiCompleteSeparation(x, n, p, y, kept)
  const separationSuspected =
    separation.length > 0 || !converged || beta.some((b, a) => a > 0 && Math.abs(b) > 15)
  const coefficients = kept.map((j, c) => beta[c + 1]! / sd[j]!)
  const intercept = beta[0]! - kept.reduce((s, j, c) => s + (beta[c + 1]! * mean[j]!) / sd[j]!, 0)
  return {
    intercept,
    coefficients,
    kept,
    dropped,
    converged,
    iterations,
    deviance,
    separation,
    separationSuspected,
    linearPredictor: eta,
  }
}

function columnMoments(x: Float64Array, n: number, p: number) {
  const mean = new Float64Array(p)
  const sd = new Float64Array(p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j]! += x[i * p + j]! / n
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const d = x[i * p + j]! - mean[j]!
      sd[j]! += (d * d) / Math.max(n - 1, 1)
    }
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(sd[j]!)
  return { mean, sd }
}

/**
 * Keeps columns in order unless one is (numerically) a linear combination of those already kept:
 * a Cholesky factorisation of their correlation matrix, column by column, whose pivot would be ~0.
 */
function independentColumns(
  x: Float64Array,
  n: number,
  p: number,
  candidates: number[],
  mean: Float64Array,
  sd: Float64Array,
  dropped: LogisticFit['dropped'],
): number[] {
  const m = candidates.length
  const corr = new Float64Array(m * m)
  for (let i = 0; i < n; i++)
    for (let a = 0; a < m; a++) {
      const ja = candidates[a]!
      const za = (x[i * p + ja]! - mean[ja]!) / sd[ja]!
      for (let b = a; b < m; b++) {
        const jb = candidates[b]!
        corr[a * m + b]! += (za * (x[i * p + jb]! - mean[jb]!)) / sd[jb]! / (n - 1)
      }
    }
  const kept: number[] = []
  const l: number[][] = []
  for (let a = 0; a < m; a++) {
    const row: number[] = []
    for (let k = 0; k < kept.length; k++) {
      const b = kept[k]!
      let s = corr[Math.min(a, b) * m + Math.max(a, b)]!
      for (let t = 0; t < k; t++) s -= row[t]! * l[k]![t]!
      row.push(s / l[k]![k]!)
    }
    const pivot = corr[a * m + a]! - row.reduce((s, v) => s + v * v, 0)
    if (pivot < 1e-9) {
      dropped.push({ column: candidates[a]!, reason: 'collinear' })
      continue
    }
    row.push(Math.sqrt(pivot))
    l.push(row)
    kept.push(a)
  }
  return kept.map((a) => candidates[a]!)
}

function solveSymmetric(h: Float64Array, g: Float64Array, q: number): Float64Array {
  const hm = new Matrix(q, q)
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) hm.set(a, b, h[a * q + b]!)
  const gm = Matrix.columnVector(Array.from(g))
  const cholesky = new CholeskyDecomposition(hm)
  if (!cholesky.isPositiveDefinite()) {
    // Weights of ~0 everywhere (probabilities pinned at 0 or 1): a tiny ridge keeps the step
    // finite; the fit is then reported as separated, never silently trusted.
    for (let a = 0; a < q; a++) hm.set(a, a, hm.get(a, a) + 1e-6)
    return Float64Array.from(new CholeskyDecomposition(hm).solve(gm).getColumn(0))
  }
  return Float64Array.from(cholesky.solve(gm).getColumn(0))
}

/** An indicator column whose 1s are all treated or all untreated predicts treatment perfectly. */
function quasiCompleteSeparation(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  kept: number[],
): { column: number; kind: 'quasi_complete' }[] {
  const found: { column: number; kind: 'quasi_complete' }[] = []
  for (const j of kept) {
    let ones = 0
    let treatedOnes = 0
    let binary = true
    for (let i = 0; i < n && binary; i++) {
      const v = x[i * p + j]!
      if (v !== 0 && v !== 1) binary = false
      else if (v === 1) {
        ones++
        treatedOnes += y[i] ?? 0
      }
    }
    if (binary && ones > 0 && (treatedOnes === 0 || treatedOnes === ones)) {
      found.push({ column: j, kind: 'quasi_complete' })
    }
  }
  return found
}
