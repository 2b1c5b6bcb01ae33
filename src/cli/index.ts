import { londonToday } from '../platform/calendar/london-date.ts'
import { parseArgs } from 'node:util'
import { SingleBar, Presets } from 'cli-progress'
import { z } from 'zod'
import { loadConfig } from '../platform/config.ts'
import { openDatabase, type Database } from '../platform/db/index.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import { repositories, services } from '../composition.ts'
import { generateDemoData } from '../demo/generator.ts'
import { fieldErrorsFrom } from '../platform/http/forms.ts'
import { ValidationFailed } from '../platform/errors.ts'
import { CreateUser, IssueToken } from '../domains/identity/schemas.ts'
import { forecastCommand } from '../domains/forecasting/cli.ts'

const USAGE = `Resettle command line

Usage: npm run cli -- <command> [options]

Commands:
  migrate                         bring the database schema up to date
  reference load                  load or refresh reference data (regions, PDUs, prisons, councils)
  demo generate --people N        generate demo data for N people (fixed seed; --seed S to change)
  user create --email E --name N --organisation ORG --role R [--password P]
  token issue --name N --organisation ORG --role R
  organisations [--kind K]        list organisations with their ids
  forecast [--as-of D] [--horizon M] [--scenario ID] [--out FILE]
                                  forecast every region, PDU and prison (CSV with --out)

ORG is an organisation id, or a reference code (prison, PDU, region or local authority code).
The database is DATABASE_URL when set, otherwise the embedded database in DATA_DIR.
The embedded database allows one process at a time: stop \`npm start\` before using the CLI on it.`

class UsageError extends Error {}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      people: { type: 'string' },
      seed: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      kind: { type: 'string' },
      'as-of': { type: 'string' },
      horizon: { type: 'string' },
      scenario: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals.join(' ')
  if (values.help || command === '' || command === 'help') return console.log(USAGE)
  const known = [
    'migrate',
    'reference load',
    'demo generate',
    'user create',
    'token issue',
    'organisations',
    'forecast',
  ]
  if (!known.includes(command)) throw new UsageError(`Unknown command "${command}".`)

  const config = loadConfig()
  const { db } = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  )
  try {
    await migrateToLatest(db)
    const svc = services(db, repositories(db), config)
    switch (command) {
      case 'migrate':
        return console.log('The database schema is up to date.')
      case 'reference load': {
        const counts = await svc.reference.load()
        return console.log(
          `Loaded ${counts.regions} regions, ${counts.pdus} PDUs, ${counts.prisons} prisons, ${counts.localAuthorities} local authorities; ${counts.organisations} organisations.`,
        )
      }
      case 'demo generate':
        return await generate(db, svc, values, config.demo)
      case 'user create': {
        const input = parse(CreateUser, {
          email: values.email,
          name: values.name,
          role: values.role,
          password: values.password,
          organisationId: await organisationId(db, values.organisation),
        })
        const user = await svc.identity.createUser(null, input)
        return console.log(`Created ${user.email} (${user.role}), id ${user.id}.`)
      }
      case 'token issue': {
        const input = parse(IssueToken, {
          name: values.name,
          role: values.role,
          organisationId: await organisationId(db, values.organisation),
        })
        const token = await svc.identity.issueToken(null, input)
        console.log(
          `Issued token "${token.name}" (${token.role}), id ${token.id}. Keep this secret; it is not shown again:`,
        )
        return console.log(token.secret)
      }
      case 'forecast':
        return await forecastCommand(svc.forecasting, {
          asOf: values['as-of'],
          horizon: values.horizon,
          scenario: values.scenario,
          out: values.out,
        })
      case 'organisations': {
        const rows = await db
          .selectFrom('organisation')
          .$if(Boolean(values.kind), (q) => q.where('kind', '=', values.kind as never))
          .select(['id', 'kind', 'name', 'prison_code', 'pdu_code', 'region_code', 'local_authority_code'])
          .orderBy('kind')
          .orderBy('name')
          .execute()
        for (const r of rows)
          console.log(
            [
              r.id,
              r.kind.padEnd(16),
              (r.prison_code ?? r.pdu_code ?? r.local_authority_code ?? r.region_code ?? '').padEnd(10),
              r.name,
            ].join('  '),
          )
        return
      }
    }
  } finally {
    await db.destroy()
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (!result.success) throw new ValidationFailed(fieldErrorsFrom(result.error))
  return result.data
}

/** Accepts an organisation id or the reference code that defines it, e.g. PVI or N07. */
async function organisationId(db: Database, value: string | undefined): Promise<string> {
  if (!value) throw new ValidationFailed({ organisation: 'Give --organisation (an id or a reference code)' })
  const found = await db
    .selectFrom('organisation')
    .select('id')
    .where((eb) =>
      /^[0-9a-f-]{36}$/i.test(value)
        ? eb('id', '=', value)
        : eb.or([
            eb('prison_code', '=', value),
            eb('pdu_code', '=', value),
            eb('local_authority_code', '=', value),
            eb.and([eb('region_code', '=', value), eb('kind', '=', 'probation_region')]),
          ]),
    )
    .execute()
  if (found.length !== 1)
    throw new ValidationFailed({
      organisation: `No single organisation matches "${value}". List them with: npm run cli -- organisations`,
    })
  return found[0]!.id
}

async function generate(
  db: Database,
  svc: ReturnType<typeof services>,
  values: { people?: string | undefined; seed?: string | undefined },
  demo: { seed: number; password: string },
) {
  const people = z.coerce.number().int().min(1).max(5_000_000).safeParse(values.people)
  if (!people.success)
    throw new ValidationFailed({ people: 'Give --people as a whole number from 1 to 5,000,000' })
  const seed = values.seed === undefined ? demo.seed : Number(values.seed)
  if (!Number.isInteger(seed)) throw new ValidationFailed({ seed: 'Give --seed as a whole number' })
  if ((await svc.reference.counts()).regions === 0) await svc.reference.load()
  if (await db.selectFrom('person').select('id').limit(1).executeTakeFirst()) {
    throw new ValidationFailed({
      people: 'The database already holds people. Demo data goes into an empty database only.',
    })
  }
  const bar = new SingleBar(
    { format: 'Generating demo data |{bar}| {percentage}% | {value}/{total} people | {eta_formatted} left' },
    Presets.shades_classic,
  )
  bar.start(people.data, 0)
  const started = Date.now()
  const summary = await generateDemoData(
    db,
    { people: people.data, seed, password: demo.password, today: londonToday() },
    (done) => bar.update(done),
  )
  bar.stop()
  const seconds = (Date.now() - started) / 1000
  console.log(
    `${summary.people.toLocaleString('en-GB')} people and ${summary.custodyEpisodes.toLocaleString('en-GB')} releases in ${seconds.toFixed(1)} s (${Math.round(summary.custodyEpisodes / seconds).toLocaleString('en-GB')} releases/s).`,
  )
}

try {
  await main(process.argv.slice(2))
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n\n${USAGE}`)
    process.exitCode = 2
  } else if (err instanceof ValidationFailed) {
    console.error('There is a problem:')
    for (const [field, message] of Object.entries(err.fields))
      console.error(`  --${field.replace(/Id$/, '')}: ${message}`)
    process.exitCode = 2
  } else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${err.message}\n\n${USAGE}`)
    process.exitCode = 2
  } else {
    console.error(err instanceof Error ? err.message : err)
    process.exitCode = 1
  }
}
