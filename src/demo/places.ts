/**
 * Places of the demo network: home cities of the clans, the cities where they operate, and
 * the offshore centres where their shell companies are registered. Coordinates are city
 * centres in WGS 84 degrees, rounded to four decimals.
 *
 * European regions follow the UN M49 subregions, except Cyprus, counted in southern Europe.
 * The Caucasus and the Middle East stand apart as analysts in this field name them, and
 * `offshore` contains the company havens outside all of them.
 */
import type { Random } from './random.js'

export const REGIONS = [
  'caucasus',
  'eastern-europe',
  'northern-europe',
  'southern-europe',
  'western-europe',
  'north-america',
  'middle-east',
  'offshore',
] as const

export type Region = (typeof REGIONS)[number]

export interface Place {
  city: string
  /** ISO 3166-1 alpha-2. */
  country: string
  region: Region
  latitude: number
  longitude: number
  /** Russian adjective from the city, used in nicknames such as "Levan Kutaissky". */
  adjective?: { latin: string; cyrillic: string }
}

function place(
  city: string,
  country: string,
  region: Region,
  latitude: number,
  longitude: number,
  adjective?: [string, string],
): Place {
  const result: Place = { city, country, region, latitude, longitude }
  if (adjective) {
    result.adjective = { latin: adjective[0], cyrillic: adjective[1] }
  }
  return result
}

export const PLACES: readonly Place[] = [
  place('Tbilisi', 'GE', 'caucasus', 41.7151, 44.8271, ['Tbilissky', 'Тбилисский']),
  place('Kutaisi', 'GE', 'caucasus', 42.2679, 42.6946, ['Kutaissky', 'Кутаисский']),
  place('Batumi', 'GE', 'caucasus', 41.6168, 41.6367, ['Batumsky', 'Батумский']),
  place('Rustavi', 'GE', 'caucasus', 41.5492, 44.9933, ['Rustavsky', 'Руставский']),
  place('Yerevan', 'AM', 'caucasus', 40.1792, 44.4991, ['Yerevansky', 'Ереванский']),
  place('Gyumri', 'AM', 'caucasus', 40.7894, 43.8475),
  place('Baku', 'AZ', 'caucasus', 40.4093, 49.8671, ['Bakinsky', 'Бакинский']),
  place('Ganja', 'AZ', 'caucasus', 40.6828, 46.3606),
  place('Sochi', 'RU', 'caucasus', 43.5855, 39.7231, ['Sochinsky', 'Сочинский']),
  place('Makhachkala', 'RU', 'caucasus', 42.9849, 47.5047),
  place('Moscow', 'RU', 'eastern-europe', 55.7558, 37.6173, ['Moskovsky', 'Московский']),
  place('Saint Petersburg', 'RU', 'eastern-europe', 59.9343, 30.3351, ['Pitersky', 'Питерский']),
  place('Yekaterinburg', 'RU', 'eastern-europe', 56.8389, 60.6057, ['Uralsky', 'Уральский']),
  place('Rostov-on-Don', 'RU', 'eastern-europe', 47.2357, 39.7015, ['Rostovsky', 'Ростовский']),
  place('Kyiv', 'UA', 'eastern-europe', 50.4501, 30.5234, ['Kievsky', 'Киевский']),
  place('Odesa', 'UA', 'eastern-europe', 46.4825, 30.7233, ['Odessky', 'Одесский']),
  place('Kharkiv', 'UA', 'eastern-europe', 49.9935, 36.2304, ['Kharkovsky', 'Харьковский']),
  place('Minsk', 'BY', 'eastern-europe', 53.9006, 27.559),
  place('Chisinau', 'MD', 'eastern-europe', 47.0105, 28.8638),
  place('Warsaw', 'PL', 'eastern-europe', 52.2297, 21.0122),
  place('Prague', 'CZ', 'eastern-europe', 50.0755, 14.4378),
  place('Budapest', 'HU', 'eastern-europe', 47.4979, 19.0402),
  place('Sofia', 'BG', 'eastern-europe', 42.6977, 23.3219),
  place('Riga', 'LV', 'northern-europe', 56.9496, 24.1052),
  place('Vilnius', 'LT', 'northern-europe', 54.6872, 25.2797),
  place('Tallinn', 'EE', 'northern-europe', 59.437, 24.7536),
  place('London', 'GB', 'northern-europe', 51.5074, -0.1278),
  place('Stockholm', 'SE', 'northern-europe', 59.3293, 18.0686),
  place('Helsinki', 'FI', 'northern-europe', 60.1699, 24.9384),
  place('Copenhagen', 'DK', 'northern-europe', 55.6761, 12.5683),
  place('Madrid', 'ES', 'southern-europe', 40.4168, -3.7038),
  place('Barcelona', 'ES', 'southern-europe', 41.3874, 2.1686),
  place('Marbella', 'ES', 'southern-europe', 36.5101, -4.8825),
  place('Athens', 'GR', 'southern-europe', 37.9838, 23.7275),
  place('Thessaloniki', 'GR', 'southern-europe', 40.6401, 22.9444),
  place('Rome', 'IT', 'southern-europe', 41.9028, 12.4964),
  place('Milan', 'IT', 'southern-europe', 45.4642, 9.19),
  place('Valletta', 'MT', 'southern-europe', 35.8989, 14.5146),
  place('Limassol', 'CY', 'southern-europe', 34.7071, 33.0226),
  place('Nicosia', 'CY', 'southern-europe', 35.1856, 33.3823),
  place('Berlin', 'DE', 'western-europe', 52.52, 13.405),
  place('Hamburg', 'DE', 'western-europe', 53.5511, 9.9937),
  place('Vienna', 'AT', 'western-europe', 48.2082, 16.3738),
  place('Paris', 'FR', 'western-europe', 48.8566, 2.3522),
  place('Nice', 'FR', 'western-europe', 43.7102, 7.262),
  place('Amsterdam', 'NL', 'western-europe', 52.3676, 4.9041),
  place('Antwerp', 'BE', 'western-europe', 51.2194, 4.4025),
  place('Zurich', 'CH', 'western-europe', 47.3769, 8.5417),
  place('Geneva', 'CH', 'western-europe', 46.2044, 6.1432),
  place('Monaco', 'MC', 'western-europe', 43.7384, 7.4246),
  place('New York', 'US', 'north-america', 40.7128, -74.006),
  place('Miami', 'US', 'north-america', 25.7617, -80.1918),
  place('Los Angeles', 'US', 'north-america', 34.0522, -118.2437),
  place('Chicago', 'US', 'north-america', 41.8781, -87.6298),
  place('Toronto', 'CA', 'north-america', 43.6532, -79.3832),
  place('Montreal', 'CA', 'north-america', 45.5019, -73.5674),
  place('Dubai', 'AE', 'middle-east', 25.2048, 55.2708),
  place('Abu Dhabi', 'AE', 'middle-east', 24.4539, 54.3773),
  place('Tel Aviv', 'IL', 'middle-east', 32.0853, 34.7818),
  place('Istanbul', 'TR', 'middle-east', 41.0082, 28.9784),
  place('Antalya', 'TR', 'middle-east', 36.8969, 30.7133),
  place('Doha', 'QA', 'middle-east', 25.2854, 51.531),
  place('Road Town', 'VG', 'offshore', 18.4286, -64.6185),
  place('Panama City', 'PA', 'offshore', 8.9824, -79.5199),
  place('Victoria', 'SC', 'offshore', -4.6191, 55.4513),
  place('Hong Kong', 'HK', 'offshore', 22.3193, 114.1694),
]

/** Returns the stable key of a place, unique within `PLACES`. */
export function placeKey(place: Place): string {
  return `${place.country}/${place.city}`
}

export function placesIn(country: string): Place[] {
  return PLACES.filter((candidate) => candidate.country === country)
}

/** Picks a city in `country`; every country used by the generator has one in `PLACES`. */
export function pickPlaceIn(random: Random, country: string): Place {
  const candidates = placesIn(country)
  if (candidates.length === 0) {
    throw new RangeError(`No demo place in country "${country}": add one to PLACES`)
  }
  return random.pick(candidates)
}

/** Places where a clan may operate outside its home country. */
export const OPERATING_PLACES: readonly Place[] = PLACES.filter(
  (candidate) => candidate.region !== 'offshore' && candidate.region !== 'caucasus',
)

/** Cities where thieves have met to crown a new thief (a skhodka). */
export const CROWNING_CITIES = [
  'Moscow',
  'Tbilisi',
  'Kutaisi',
  'Yerevan',
  'Baku',
  'Kyiv',
  'Odesa',
  'Saint Petersburg',
  'Athens',
  'Barcelona',
  'Dubai',
  'Istanbul',
] as const

/** Countries whose National Central Bureaus contribute records: every onshore country in `PLACES`. */
export const CONTRIBUTING_NCBS: readonly string[] = [
  ...new Set(
    PLACES.filter((candidate) => candidate.region !== 'offshore').map((candidate) => candidate.country),
  ),
]
