/** Location nodes of the demo network: one per place, emitted once at the start of the stream. */
import type { NetworkState } from './context.js'
import { PLACES, placeKey, type Place } from './places.js'
import { openProvenance, type RecordBuffer } from './stream.js'

/** Adds every place as a `Location` node and returns the node ids by place key. */
export function addLocations(records: RecordBuffer): Map<string, string> {
  const ids = new Map<string, string>()
  for (const place of PLACES) {
    const properties = {
      city: place.city,
      country: place.country,
      region: place.region,
      latitude: place.latitude,
      longitude: place.longitude,
    }
    ids.set(placeKey(place), records.addNode('Location', place.city, properties, openProvenance()))
  }
  return ids
}

export function locationIdOf(network: NetworkState, place: Place): string {
  const id = network.locationIds.get(placeKey(place))
  if (id === undefined) {
    throw new RangeError(`No Location node for place "${placeKey(place)}"`)
  }
  return id
}
