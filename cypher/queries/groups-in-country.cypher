// @name groups-in-country
// @description Criminal groups operating in a country, with their activities and the number of members located there.
// @param country string -- ISO 3166-1 alpha-2 code, such as DE
MATCH (group:Group)-[o:OPERATES_IN]->(place:Location {country: $country})
WHERE {{visible group}} AND {{visible o}} AND {{visible place}}
OPTIONAL MATCH (person:Person)-[m:MEMBER_OF]->(group)
WHERE {{visible person}} AND {{visible m}}
  AND EXISTS { MATCH (person)-[l:LOCATED_IN]->(home:Location {country: $country}) WHERE {{visible l}} AND {{visible home}} }
RETURN group.id AS id, group.name AS name, group.activities AS activities,
  collect(DISTINCT place.city) AS cities, count(DISTINCT person) AS membersThere
ORDER BY membersThere DESC, name, id
LIMIT 200
