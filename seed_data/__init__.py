"""Real reference data with provenance, the seeded synthetic generator, bundle readers and loader.

Entry points: `seed.build_seed_bundle`, `seed.build_import_bundle`, `generic.read_generic`,
`loader.load_bundle`, `synthetic.generate`. See PROVENANCE.md and IMPORT_FORMAT.md.
"""
