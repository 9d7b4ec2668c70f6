/**
 * With networkx's own stopping rule (tol=1e-6, max_iter=100) the power
 * iterations return networkx's iterate, not only the fixed point. Expected
 * values are networkx 3.6.1 `eigenvector_centrality(karate_club_graph())`
 * and `pagerank(les_miserables_graph(), weight=None)` with default settings,
 * rounded to 12 decimals.
 */
import t from 'tap'

import { computeCentrality } from '../../src/analytics/index.js'
import { assertScores } from './assertions.js'
import { KARATE_FILES, LESMIS_FILES, loadKarate, loadLesMis, missingData } from './fixtures.js'

const NETWORKX_STOPPING = { tolerance: 1e-6, maxIterations: 100 }

// Rounding to 12 decimals leaves this much room.
const ROUNDING = 1e-11

const KARATE_EIGENVECTOR = {
  '0': 0.355483494185, '1': 0.265953870455, '2': 0.317189389968, '3': 0.211174078321, '4': 0.075966458817,
  '5': 0.079480577886, '6': 0.079480577886, '7': 0.17095511498, '8': 0.227405091472, '9': 0.102675190306,
  '10': 0.075966458817, '11': 0.052854169452, '12': 0.084251920866, '13': 0.226469698388,
  '14': 0.101406278463, '15': 0.101406278463, '16': 0.023634794261, '17': 0.092396756668,
  '18': 0.101406278463, '19': 0.147911340076, '20': 0.101406278463, '21': 0.092396756668,
  '22': 0.101406278463, '23': 0.150123286917, '24': 0.057053735638, '25': 0.059208202503,
  '26': 0.07558192219, '27': 0.133479326843, '28': 0.131079256272, '29': 0.134965286739,
  '30': 0.174760278345, '31': 0.191036269798, '32': 0.308651047734, '33': 0.373371213013,
}

const LESMIS_PAGERANK = {
  Napoleon: 0.005584422033, Myriel: 0.042803439761, MlleBaptistine: 0.010278692012,
  MmeMagloire: 0.010278692012, CountessDeLo: 0.005584422033, Geborand: 0.005584422033,
  Champtercier: 0.005584422033, Cravatte: 0.005584422033, Count: 0.005584422033, OldMan: 0.005584422033,
  Valjean: 0.075433744453, Labarre: 0.003729207724, Marguerite: 0.005260475965, MmeDeR: 0.003729207724,
  Isabeau: 0.003729207724, Gervais: 0.003729207724, Listolier: 0.012617729766, Tholomyes: 0.015646803675,
  Fameuil: 0.012617729766, Blacheville: 0.012617729766, Favourite: 0.012617729766, Dahlia: 0.012617729766,
  Zephine: 0.012617729766, Fantine: 0.027022474221, MmeThenardier: 0.01950085622, Thenardier: 0.027925725317,
  Cosette: 0.020610995118, Javert: 0.030302597127, Fauchelevent: 0.011638461519, Bamatabois: 0.015577339722,
  Perpetue: 0.005407492031, Simplice: 0.009073808391, Scaufflaire: 0.003729207724, Woman1: 0.005244343185,
  Judge: 0.012425709932, Champmathieu: 0.012425709932, Brevet: 0.012425709932, Chenildieu: 0.012425709932,
  Cochepaille: 0.012425709932, Pontmercy: 0.007367841358, Boulatruelle: 0.003431590535,
  Eponine: 0.017792919805, Anzelma: 0.006313349922, Woman2: 0.006837007622, MotherInnocent: 0.006202388347,
  Gribier: 0.00442123257, MmeBurgon: 0.007805190766, Jondrette: 0.005265210399, Gavroche: 0.035764123432,
  Gillenormand: 0.014957273551, Magnon: 0.005271145497, MlleGillenormand: 0.016260027139,
  MmePontmercy: 0.006009999428, MlleVaubois: 0.003922465808, LtGillenormand: 0.008713362526,
  Marius: 0.03089270192, BaronessT: 0.00514628423, Mabeuf: 0.017475945475, Enjolras: 0.021879692836,
  Combeferre: 0.01588993262, Prouvaire: 0.013144033324, Feuilly: 0.01588993262, Courfeyrac: 0.018575928325,
  Bahorel: 0.017197467943, Bossuet: 0.018957263295, Joly: 0.017197467943, Grantaire: 0.01445460379,
  MotherPlutarch: 0.003298419998, Gueulemer: 0.016691420435, Babet: 0.016691420435,
  Claquesous: 0.016560589671, Montparnasse: 0.015170547467, Toussaint: 0.006837007622,
  Child1: 0.005790898318, Child2: 0.005790898318, Brujon: 0.011866139353, MmeHucheloup: 0.010688413521,
}

t.test('eigenvector stops where networkx does', { skip: missingData(...KARATE_FILES) }, async (t) => {
  const scores = computeCentrality(loadKarate(), { measure: 'eigenvector', normalized: true, ...NETWORKX_STOPPING })

  assertScores(t, scores, KARATE_EIGENVECTOR, ROUNDING)
})

t.test('pagerank stops where networkx does', { skip: missingData(...LESMIS_FILES) }, async (t) => {
  const scores = computeCentrality(loadLesMis(), { measure: 'pagerank', normalized: true, ...NETWORKX_STOPPING })

  assertScores(t, scores, LESMIS_PAGERANK, ROUNDING)
})
