"""The city-size benchmark data: presets S, L and XL built with bulk inserts (see bench/README.md).

`python -m bench.city --preset L` builds or reuses a preset; `build.build(preset)` does it from
code once Django is set up on the target database (`database.setup_django`).
"""
