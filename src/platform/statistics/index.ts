/** Statistics for the analyses, as pure tested functions (docs/analytics.md). */
export {
  benjaminiHochberg,
  binomialTest,
  funnelLimit,
  funnelLimits,
  holm,
  twoProportionTest,
  wilson,
  zFor,
  type FunnelLimits,
  type Interval,
  type TestResult,
} from './proportions.ts'
