import type { Actor } from '../auth/actor.ts'
import type { NavEntry } from '../module.ts'

interface NavItem {
  href: string
  text: string
  active?: boolean
}

/**
 * The main menu for an actor, from the entries the domain modules declare (composition.ts).
 * An entry appears only where the actor can use it; the longest matching href is the active one,
 * so /outcomes/checkpoints does not also light up Outcomes.
 */
export function navigationFor(actor: Actor, url: string, entries: readonly NavEntry[]): NavItem[] {
  const path = url.split('?')[0] ?? '/'
  const items: NavItem[] = entries
    .filter((e) => e.visible(actor))
    .map((e) => ({ href: e.href, text: e.text }))
  const matches = (href: string) =>
    href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)
  const active = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]
  for (const item of items) item.active = item === active
  return items
}
