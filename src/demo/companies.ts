/**
 * Companies of one clan and who owns, controls and manages them.
 *
 * Legitimate companies work in sectors the clan dominates, front companies are cash
 * businesses that mix criminal money with takings, and shell companies exist on paper in
 * offshore jurisdictions. One or two ownership chains run from a nominee through two to
 * four shells to a front or legitimate company. The nominee holds the first shell on paper,
 * and the thief behind the chain `CONTROLS` the nominee (role 'beneficial owner', share 1),
 * as registers and investigators record a nominee arrangement. So his stake in every company
 * of the chain follows from the `OWNS` shares, and no stake is recorded twice. The authority
 * who runs a front company `CONTROLS` it with share 0: control without a stake.
 */
import { dayOf, isoDateOf, randomDay, RECORDS_TO } from './calendar.js'
import {
  clanProvenance,
  rounded,
  type ClanContext,
  type CompanyRef,
  type PersonRef,
} from './context.js'
import { drawCompanyProfile, SHELL_JURISDICTIONS, type DemoCompanyKind } from './jurisdictions.js'
import { locationIdOf } from './locations.js'
import type { ClanRoster } from './people.js'
import { pickPlaceIn } from './places.js'

/** Adds the clan's companies with their ownership, control and management. */
export function addCompanies(clan: ClanContext, roster: ClanRoster): void {
  const count = clan.persons.length
  const kinds: [DemoCompanyKind, number][] = [
    ['shell', Math.max(6, Math.round(count * 0.08))],
    ['front', Math.max(2, Math.round(count * 0.03))],
    ['legitimate', Math.max(2, Math.round(count * 0.04))],
  ]
  for (const [kind, companyCount] of kinds) {
    for (let i = 0; i < companyCount; i++) {
      addCompany(clan, roster, kind)
    }
  }
  addOwnershipChains(clan, roster, count >= 100 ? 2 : 1)
  addDirectOwners(clan, roster)
}

function addCompany(clan: ClanContext, roster: ClanRoster, kind: DemoCompanyKind): CompanyRef {
  const { random, records } = clan
  let jurisdiction: string
  if (kind === 'shell') {
    jurisdiction = random.pick(SHELL_JURISDICTIONS)
  } else {
    const homeShare = kind === 'front' ? 0.5 : 0.4
    jurisdiction = random.chance(homeShare) ? clan.home.country : random.pick(clan.abroad).country
  }
  const place = pickPlaceIn(random, jurisdiction)
  const profile = drawCompanyProfile(random, kind, jurisdiction)
  const incorporatedDay =
    kind === 'shell'
      ? randomDay(random, dayOf(2010, 1, 1), dayOf(2023, 12, 31))
      : randomDay(random, dayOf(1998, 1, 1), dayOf(2020, 12, 31))
  const properties = {
    kind,
    jurisdiction,
    registrationNumber: profile.registrationNumber,
    sector: profile.sector,
    incorporatedOn: isoDateOf(incorporatedDay),
  }

  const id = records.addNode('Company', profile.name, properties, clanProvenance(clan))
  records.addRelationship(
    'LOCATED_IN',
    id,
    locationIdOf(clan.network, place),
    { kind: 'registered office' },
    clanProvenance(clan),
  )
  const company: CompanyRef = { id, kind, jurisdiction, incorporatedDay, ownedShare: 0 }
  addDirector(clan, roster, company)
  clan.companies.push(company)
  return company
}

/** Adds the company's director: a nominee for a shell, a member for a front company. */
function addDirector(clan: ClanContext, roster: ClanRoster, company: CompanyRef): void {
  const nominees = roster.associates.filter((person) => person.associateKind === 'nominee')
  const business = roster.associates.filter((person) => person.associateKind === 'business')
  const ranked = [...roster.authorities, ...roster.members]
  const [candidates, role] =
    company.kind === 'shell'
      ? [firstNonEmpty(nominees, roster.associates, ranked), 'nominee director']
      : company.kind === 'front'
        ? [ranked, 'director']
        : [firstNonEmpty(business, roster.members, ranked), 'managing director']
  const director = clan.random.pick(candidates)
  const since = randomDay(clan.random, company.incorporatedDay, RECORDS_TO)
  clan.records.addRelationship(
    'MANAGES',
    director.id,
    company.id,
    { role, since: isoDateOf(since) },
    clanProvenance(clan),
  )
}

/**
 * Adds `count` chains nominee → shell → ... → shell → front or legitimate company, using
 * shells without an owner, and the thief's control over the nominee.
 */
function addOwnershipChains(clan: ClanContext, roster: ClanRoster, count: number): void {
  const { random } = clan
  const nominees = firstNonEmpty(
    roster.associates.filter((person) => person.associateKind === 'nominee'),
    roster.associates,
    roster.members,
    roster.authorities,
  )
  const controllers = new Map<string, PersonRef>()
  for (let chain = 0; chain < count; chain++) {
    const unowned = clan.companies.filter((company) => company.ownedShare === 0)
    const freeShells = unowned.filter((company) => company.kind === 'shell')
    const targets = unowned.filter((company) => company.kind !== 'shell')
    const shells = random.sample(freeShells, random.integer(2, 4))
    if (shells.length < 2 || targets.length === 0) {
      return
    }
    const drawnBeneficiary =
      chain === 0 ? (roster.thieves[0] as PersonRef) : random.pick(roster.thieves)
    const path = [...shells, random.pick(targets)]
    const nominee = random.pick(nominees)
    // A nominee fronts for one thief only, so a nominee already in use brings his thief along.
    const beneficiary = controllers.get(nominee.id) ?? drawnBeneficiary
    if (!controllers.has(nominee.id)) {
      controllers.set(nominee.id, beneficiary)
      addNomineeControl(clan, beneficiary, nominee)
    }

    addOwnership(clan, nominee.id, path[0] as CompanyRef, 1)
    for (let i = 1; i < path.length; i++) {
      const owner = path[i - 1] as CompanyRef
      const owned = path[i] as CompanyRef
      addOwnership(clan, owner.id, owned, drawShare(clan, owned))
    }
  }
}

/** Gives every company still without an owner one or two owners from the clan. */
function addDirectOwners(clan: ClanContext, roster: ClanRoster): void {
  const { random } = clan
  const nominees = firstNonEmpty(
    roster.associates.filter((person) => person.associateKind === 'nominee'),
    roster.associates,
    roster.members,
  )
  const ranked = [...roster.authorities, ...roster.members]
  for (const company of clan.companies) {
    if (company.ownedShare > 0) {
      continue
    }
    if (company.kind === 'shell') {
      addOwnership(clan, random.pick(nominees).id, company, 1)
      continue
    }
    const owner = company.kind === 'front' ? random.pick(ranked) : random.pick(clan.persons)
    addOwnership(clan, owner.id, company, drawShare(clan, company))
    if (company.ownedShare < 1) {
      addOwnership(clan, random.pick(nominees).id, company, 1 - company.ownedShare)
    }
    if (company.kind === 'front') {
      // The authority who runs a front company often owns no share in his own name.
      addControl(clan, random.pick(roster.authorities), company, 'de facto owner', 0)
    }
  }
}

/** Adds `OWNS` with `share` of `owned`, keeping its owned shares at most 1, and returns the share. */
function addOwnership(clan: ClanContext, ownerId: string, owned: CompanyRef, share: number): number {
  const granted = rounded(Math.min(share, 1 - owned.ownedShare), 4)
  const since = randomDay(clan.random, owned.incorporatedDay, RECORDS_TO)
  owned.ownedShare = rounded(owned.ownedShare + granted, 4)
  clan.records.addRelationship(
    'OWNS',
    ownerId,
    owned.id,
    { share: granted, since: isoDateOf(since) },
    clanProvenance(clan),
  )
  return granted
}

/** Adds the thief's `CONTROLS` of a nominee who holds shares for him: all of them, so share 1. */
function addNomineeControl(clan: ClanContext, beneficiary: PersonRef, nominee: PersonRef): void {
  clan.records.addRelationship(
    'CONTROLS',
    beneficiary.id,
    nominee.id,
    { role: 'beneficial owner', share: 1 },
    clanProvenance(clan),
  )
}

function addControl(
  clan: ClanContext,
  person: PersonRef,
  company: CompanyRef,
  role: string,
  share: number,
): void {
  clan.records.addRelationship(
    'CONTROLS',
    person.id,
    company.id,
    { role, share: rounded(share, 4) },
    clanProvenance(clan),
  )
}

/** Draws a share of the capital still free in `company`: all of it, or a majority of 51-99%. */
function drawShare(clan: ClanContext, company: CompanyRef): number {
  const free = 1 - company.ownedShare
  if (clan.random.chance(0.5) || free <= 0.51) {
    return free
  }
  return rounded(clan.random.float(0.51, free))
}

function firstNonEmpty<T>(...lists: T[][]): T[] {
  const list = lists.find((candidate) => candidate.length > 0)
  if (list === undefined) {
    throw new RangeError('Demo clan has no person to fill this role')
  }
  return list
}
