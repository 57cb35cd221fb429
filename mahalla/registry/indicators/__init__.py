"""Indicators of an area (a district or a city): communities by tenure, land owner,
registration and eviction threat; households and people; vulnerable groups; infrastructure
gaps; UN-Habitat's household deprivations and the share of slum households (SDG 11.1.1).

Counted in the database (GROUP BY on indexed columns) over the latest profile of each
community and the live households (not deleted, not merged); filters on communities
(`selectors.settlement_list`) narrow the households to the communities they keep.
"""
