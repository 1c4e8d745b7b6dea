#!/usr/bin/python3
"""Writes vocabulary.json, the part of the schema.org vocabulary check_vocabulary.mjs needs (each
type's supertypes, each property's domain and range), from a schema.org release's two CSV files
(https://github.com/schemaorg/schemaorg, data/releases/VERSION/schemaorg-current-https-{types,properties}.csv).
Usage: extract.py TYPES.csv PROPERTIES.csv VERSION COMMIT > vocabulary.json"""
import csv, json, sys

types_csv, properties_csv, version, commit = sys.argv[1:5]
name = lambda uri: uri.strip().removeprefix("https://schema.org/")
split = lambda cell: sorted(name(u) for u in cell.split(",") if u.strip())
with open(types_csv, encoding="utf-8", newline="") as f:
    types = {name(r["id"]): split(r["subTypeOf"]) for r in csv.DictReader(f)}
with open(properties_csv, encoding="utf-8", newline="") as f:
    properties = {name(r["id"]): {"domain": split(r["domainIncludes"]), "range": split(r["rangeIncludes"]),
                                  "supersededBy": split(r["supersededBy"])} for r in csv.DictReader(f)}
source = (f"schema.org release {version}, github.com/schemaorg/schemaorg at {commit}, "
          f"data/releases/{version}/schemaorg-current-https-{{types,properties}}.csv; CC BY-SA 3.0 (schema.org/docs/terms.html)")
# One type or property a line, so a new release's diff reads.
line = lambda k, v: f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}"
print("{" + f'"source":{json.dumps(source)},')
print('"types":{\n' + ",\n".join(line(k, v) for k, v in sorted(types.items())) + "\n},")
print('"properties":{\n' + ",\n".join(line(k, v) for k, v in sorted(properties.items())) + "\n}}")
