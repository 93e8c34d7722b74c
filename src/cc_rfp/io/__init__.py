"""Files: YAML with line numbers, atomic and input-safe writes, where the built-in data lives,
and the on-disk cache.
"""
