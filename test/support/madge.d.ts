// madge ships no types; this is the part of its API the house test uses (madge README, "API").
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][]
  }
  export default function madge(
    path: string,
    config?: { fileExtensions?: string[]; tsConfig?: string },
  ): Promise<MadgeResult>
}
