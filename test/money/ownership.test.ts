/**
 * Ultimate owners on hand-built holdings: chains, parallel chains, control, loops solved
 * exactly and by iteration, unknown shares, persons, nominees and the threshold.
 */
import t from 'tap'

import { AppError } from '../../src/errors.js'
import { MAX_EXACT_LOOP_SIZE } from '../../src/money/ownership-shares.js'
import { ultimateOwners, type OwnershipLink, type OwnershipType } from '../../src/money/ownership.js'

function link(id: string, owner: string, owned: string, share: number | null, type: OwnershipType = 'OWNS'): OwnershipLink {
  return { id, type, owner, owned, share }
}

function ownerOf(result: ReturnType<typeof ultimateOwners>, id: string) {
  const owner = result.owners.find((candidate) => candidate.id === id)
  if (owner === undefined) {
    throw new Error(`no owner ${id} in ${JSON.stringify(result.owners.map((item) => item.id))}`)
  }
  return owner
}

t.test('chain of 60% and 50% gives 0.3', async (t) => {
  const result = ultimateOwners('T', [link('pa', 'P', 'A', 0.6), link('at', 'A', 'T', 0.5)], { threshold: 0.25 })
  t.equal(result.owners.length, 1)
  const owner = ownerOf(result, 'P')
  t.ok(Math.abs(owner.share - 0.3) < 1e-12, `share ${owner.share}`)
  t.equal(owner.control, false)
  t.equal(owner.shareUnknown, false)
  t.same(owner.chains, [{ nodes: ['P', 'A', 'T'], relationships: ['pa', 'at'], share: owner.chains[0]?.share, control: false }])
  t.ok(Math.abs((owner.chains[0]?.share ?? 0) - 0.3) < 1e-12)
  t.equal(result.belowThreshold, 0)
  t.equal(result.chainsComplete, true)
})

t.test('parallel chains add up', async (t) => {
  const result = ultimateOwners(
    'T',
    [link('pa', 'P', 'A', 0.4), link('at', 'A', 'T', 0.5), link('pt', 'P', 'T', 0.2), link('qt', 'Q', 'T', 0.3, 'CONTROLS')],
    { threshold: 0 },
  )
  const p = ownerOf(result, 'P')
  t.ok(Math.abs(p.share - 0.4) < 1e-12, `share ${p.share}`)
  t.equal(p.chainCount, 2)
  t.same(p.chains.map((chain) => chain.relationships), [['pa', 'at'], ['pt']], 'both chains, tied at 0.2, by id')
  t.equal(p.control, false)
  const q = ownerOf(result, 'Q')
  t.equal(q.control, true, 'CONTROLS marks control')
  t.equal(q.chains[0]?.control, true)
  t.same(result.owners.map((owner) => owner.id), ['P', 'Q'], 'largest share first')
})

t.test('ownership loop solved exactly', async (t) => {
  // P holds 70% of A and Q 50% of B; A holds 80% of T and 50% of B; B holds 30% of A.
  // With x the effective share in T:
  //   x(A) = 0.8 + 0.5 x(B) and x(B) = 0.3 x(A), so x(A) = 0.8 + 0.15 x(A) = 0.8 / 0.85 = 16/17
  //   x(B) = 0.3 × 16/17 = 24/85
  //   x(P) = 0.7 × 16/17 = 56/85 ≈ 0.658824 and x(Q) = 0.5 × 24/85 = 12/85 ≈ 0.141176
  // P and Q together hold 68/85 = 0.8, all of A's stake in T.
  const links = [
    link('pa', 'P', 'A', 0.7),
    link('qb', 'Q', 'B', 0.5),
    link('at', 'A', 'T', 0.8),
    link('ab', 'A', 'B', 0.5),
    link('ba', 'B', 'A', 0.3),
  ]
  const result = ultimateOwners('T', links, { threshold: 0 })
  t.ok(Math.abs(ownerOf(result, 'P').share - 56 / 85) < 1e-12, `P ${ownerOf(result, 'P').share}`)
  t.ok(Math.abs(ownerOf(result, 'Q').share - 12 / 85) < 1e-12, `Q ${ownerOf(result, 'Q').share}`)
  t.same(result.owners.map((owner) => owner.id), ['P', 'Q'], 'A and B have owners, so neither is ultimate')
  t.same(ownerOf(result, 'P').chains.map((chain) => chain.nodes), [['P', 'A', 'T']], 'chains are simple paths')
  t.same(ownerOf(result, 'Q').chains.map((chain) => chain.nodes), [['Q', 'B', 'A', 'T']])
  t.ok(Math.abs((ownerOf(result, 'Q').chains[0]?.share ?? 0) - 0.12) < 1e-12, 'chain product 0.5 × 0.3 × 0.8')
})

t.test('treasury shares leave the others 100%', async (t) => {
  // A holds 20% of itself and P the other 80%: x(A) = 1 + 0.2 x(A) = 1.25, x(P) = 0.8 × 1.25 = 1.
  const result = ultimateOwners('T', [link('pa', 'P', 'A', 0.8), link('aa', 'A', 'A', 0.2), link('at', 'A', 'T', 1)], {
    threshold: 0.25,
  })
  t.ok(Math.abs(ownerOf(result, 'P').share - 1) < 1e-12)
})

t.test('loop of full holdings is rejected', async (t) => {
  const links = [link('ab', 'A', 'B', 1), link('ba', 'B', 'A', 1), link('at', 'A', 'T', 0.5), link('pt', 'P', 'T', 0.5)]
  let caught: unknown
  try {
    ultimateOwners('T', links, { threshold: 0 })
  } catch (error) {
    caught = error
  }
  t.ok(caught instanceof AppError, 'an AppError')
  t.equal((caught as AppError).code, 'MLN_NOT_CONVERGED')
  t.match((caught as AppError).message, /"A"/)
})

t.test('loop solved by iteration beyond the exact size', async (t) => {
  // A ring C0 <- C1 <- ... <- C(n-1) <- C0 where each holds 99.9% of the one before it, C0
  // holds all of T, and person Pk the other 0.1% of Ck. Then x(Ck) = r^k / (1 - r^n), and
  // the persons together hold all of T.
  for (const size of [5, MAX_EXACT_LOOP_SIZE + 1]) {
    const r = 0.999
    const links = [link('c0-t', 'C0', 'T', 1)]
    for (let k = 0; k < size; k += 1) {
      links.push(link(`c${(k + 1) % size}-c${k}`, `C${(k + 1) % size}`, `C${k}`, r))
      links.push(link(`p${k}-c${k}`, `P${k}`, `C${k}`, 1 - r))
    }
    const result = ultimateOwners('T', links, { threshold: 0 })
    const tolerance = size <= MAX_EXACT_LOOP_SIZE ? 1e-12 : 1e-8
    t.equal(result.owners.length, size, `${size} owners`)
    for (const k of [0, 1, size - 1]) {
      const expected = ((1 - r) * r ** k) / (1 - r ** size)
      const share = ownerOf(result, `P${k}`).share
      t.ok(Math.abs(share - expected) < tolerance, `ring of ${size}: P${k} ${share} against ${expected}`)
    }
    const total = result.owners.reduce((sum, owner) => sum + owner.share, 0)
    t.ok(Math.abs(total - 1) < tolerance, `ring of ${size}: shares add up to ${total}`)
  }
})

t.test('unknown share is a lower bound', async (t) => {
  const result = ultimateOwners('T', [link('pa', 'P', 'A', null), link('at', 'A', 'T', 0.6), link('qt', 'Q', 'T', 0.4)], {
    threshold: 0.25,
  })
  const p = ownerOf(result, 'P')
  t.equal(p.share, 0, 'the unknown link adds nothing')
  t.equal(p.shareUnknown, true)
  t.equal(p.chains[0]?.share, null)
  t.equal(ownerOf(result, 'Q').shareUnknown, false)
  t.equal(result.belowThreshold, 0, 'an owner of unknown share is kept')
})

t.test('threshold leaves out small owners', async (t) => {
  const links = [link('at', 'A', 'T', 0.5), link('ba', 'B', 'A', 0.5), link('ct', 'C', 'T', 0.2), link('dt', 'D', 'T', 0.05)]
  const kept = ultimateOwners('T', links, { threshold: 0.25 })
  t.same(kept.owners.map((owner) => owner.id), ['B'], 'B holds exactly 0.5 × 0.5 = 0.25 and passes')
  t.equal(kept.belowThreshold, 2)
  const all = ultimateOwners('T', links, { threshold: 0 })
  t.same(all.owners.map((owner) => owner.id), ['B', 'C', 'D'])
  t.equal(all.belowThreshold, 0)
})

t.test('owners of a person are not followed', async (t) => {
  const links = [link('pt', 'P', 'T', 1), link('xp', 'X', 'P', 1)]
  const result = ultimateOwners('T', links, { threshold: 0, persons: new Set(['P']) })
  t.same(result.owners.map((owner) => owner.id), ['P'])
})

t.test('controller of a nominee is the owner', async (t) => {
  // Nominee N holds all of shell S, which holds 60% of T; B controls N. N holds 10% of T
  // directly as well, so B holds 0.6 + 0.1 = 0.7 and N is an intermediate.
  const links = [
    link('bn', 'B', 'N', 1, 'CONTROLS'),
    link('ns', 'N', 'S', 1),
    link('st', 'S', 'T', 0.6),
    link('nt', 'N', 'T', 0.1),
  ]
  const result = ultimateOwners('T', links, { threshold: 0.25, persons: new Set(['B', 'N']) })
  t.same(result.owners.map((owner) => owner.id), ['B'], 'the nominee is not an ultimate owner')
  const b = ownerOf(result, 'B')
  t.ok(Math.abs(b.share - 0.7) < 1e-12, `share ${b.share}`)
  t.equal(b.control, true)
  t.same(b.chains.map((chain) => chain.nodes), [['B', 'N', 'S', 'T'], ['B', 'N', 'T']])
  t.equal(b.chains[0]?.control, true)
  t.equal(result.belowThreshold, 0)
})

t.test('controller without stake passes any threshold', async (t) => {
  // P owns 95% of T, Q the other 5%, and A controls T with share 0.
  const links = [link('pt', 'P', 'T', 0.95), link('at', 'A', 'T', 0, 'CONTROLS'), link('qt', 'Q', 'T', 0.05)]
  const result = ultimateOwners('T', links, { threshold: 0.25, persons: new Set(['P', 'A', 'Q']) })
  t.same(result.owners.map((owner) => owner.id), ['P', 'A'], 'A is listed with share 0')
  const a = ownerOf(result, 'A')
  t.equal(a.share, 0, 'control without a stake adds no share')
  t.equal(a.control, true)
  t.equal(result.belowThreshold, 1, 'Q at 5% is left out')
})

t.test('chain search stops at its step budget', async (t) => {
  // Two holders at each of 12 levels, each holding half of both holders below, give 2^12
  // chains to the owner on top, who holds half of the first level and so half of T.
  const links: OwnershipLink[] = [link('top-a0', 'TOP', 'A0', 0.5), link('top-b0', 'TOP', 'B0', 0.5)]
  for (let level = 0; level < 12; level += 1) {
    const below = level === 11 ? ['T'] : [`A${level + 1}`, `B${level + 1}`]
    for (const owner of [`A${level}`, `B${level}`]) {
      for (const owned of below) {
        links.push(link(`${owner}-${owned}`, owner, owned, 0.5))
      }
    }
  }
  const result = ultimateOwners('T', links, { threshold: 0, maxChainSteps: 1000, maxChainsPerOwner: 3 })
  t.equal(result.chainsComplete, false)
  t.equal(ownerOf(result, 'TOP').chains.length, 3)
  t.ok(Math.abs(ownerOf(result, 'TOP').share - 0.5) < 1e-12, 'the share does not depend on the chain search')
})
