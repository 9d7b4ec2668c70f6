// The nodes of an analytics projection: visible, and inside every scope that is set. An
// empty $labels means any label. $ids limits the nodes to a neighbourhood found beforehand.
// $source keeps the nodes of that dataset and the ends of its relationships; $group the
// members of a group; $country the nodes of a country by their own country, jurisdiction
// or nationality, or a location they are in or operate in; $communityProperty the open
// nodes whose stored community equals $communityValue and was written back on the open
// network (`<property>_network` = 'open'), so that the scope reveals nothing about records
// the caller cannot see. Values from older write-backs, or on restricted nodes, are ignored.
MATCH (n:Entity)
WHERE {{visible n}}
  AND ($ids IS NULL OR n.id IN $ids)
  AND (size($labels) = 0 OR any(label IN labels(n) WHERE label IN $labels))
  AND ($source IS NULL OR n.source = $source OR EXISTS {
    MATCH (n)-[r]-(:Entity) WHERE r.source = $source AND {{visible r}}
  })
  AND ($group IS NULL OR EXISTS {
    MATCH (n)-[m:MEMBER_OF]->(g:Entity {id: $group}) WHERE g:Group AND {{visible m}} AND {{visible g}}
  })
  AND ($country IS NULL OR n.country = $country OR n.jurisdiction = $country
    OR (CASE WHEN n.nationality IS :: LIST<ANY> THEN $country IN n.nationality ELSE n.nationality = $country END)
    OR EXISTS {
      MATCH (n)-[l:LOCATED_IN|OPERATES_IN]->(p:Location) WHERE p.country = $country AND {{visible l}} AND {{visible p}}
    })
  AND ($communityProperty IS NULL OR (n[$communityProperty] = $communityValue
    AND n[$communityProperty + '_network'] = 'open' AND size(coalesce(n.restrictedTo, [])) = 0))
RETURN toFloat(id(n)) AS key, n.id AS id, [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n.name AS name
