/**
 * Country shapes for the map: Natural Earth's 1:110m countries as bundled by the world-atlas
 * package (TopoJSON, keyed by ISO 3166-1 numeric code), projected once, with alpha-2 codes
 * and English names from i18n-iso-countries. Nothing is fetched at run time.
 */
import countryCodes from 'i18n-iso-countries'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' }

import { geometryPath } from './projection.js'

countryCodes.registerLocale(english)

export interface CountryShape {
  /** ISO 3166-1 alpha-2; null for areas without one, such as Northern Cyprus in this atlas. */
  code: string | null
  name: string
  /** SVG path text in the projection's user units. */
  path: string
}

interface AtlasProperties {
  name: string
}

let shapes: CountryShape[] | null = null

/** Returns every country shape of the atlas, projecting them on the first call. */
export function countryShapes(): CountryShape[] {
  if (shapes !== null) return shapes

  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<AtlasProperties> }>
  const collection = feature(topology, topology.objects.countries)
  shapes = collection.features.map((country) => {
    const numeric = country.id === undefined ? undefined : String(country.id)
    const code = numeric === undefined ? null : (countryCodes.numericToAlpha2(numeric) ?? null)
    return {
      code,
      name: (code === null ? undefined : countryName(code)) ?? country.properties.name,
      path: geometryPath(country.geometry),
    }
  })
  return shapes
}

/** Returns the English short name of an alpha-2 code, or the code itself when it is unknown. */
export function countryName(code: string): string {
  return countryCodes.getName(code, 'en') ?? code
}
