"""The benchmark suite (`ppsmatch bench`): speed and memory at 10k, 100k and 1M organisations.

Graphs come from the seeded generator at run time (never committed); every figure is printed
beside its floor or baseline measured in the same run and its target (issue 8, section 4).
"""
