"""Use cases of the service: they take a store (or the read model) and primitives or dataclasses
and return dataclasses or plain data; no Flask here. The API schemas and the CLI render them.

    seeding     seed and import whole datasets, graph counts
    missions    turn a client's Mission into one with checked ids (names the bad field)
    matching    recommendations, coalition check/build, what-if, evaluation
    catalogue   themes and regions; resolving names into ids
    directory   organisations and pps'en: search, details, upserts, deletes
    network     graph JSON for the network map
    coverage    coverage per province and theme
    coverage_report  the batch coverage-gap report document (rendered by web.reports)
    imports     uploaded files in the generic import format
"""
