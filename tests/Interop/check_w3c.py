#!/usr/bin/python3
"""The W3C Feed Validation Service's own code (vendored in w3c-feedvalidator/, W3C licence) validates
each feed URL as the online service does: no errors and no warnings. Allowed, and only for a title:
ContainsHTML and ContainsUndeclaredHTML, the validator's guess that a title holding literal markup
("<b>" as text, written &#x3C;b>) might be HTML; the RSS Profile's character references are how a
publisher says it is text. Usage: check_w3c.py NAME URL..."""
import os, sys, urllib.request  # noqa: F401 (feedvalidator uses urllib.request without importing it)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "w3c-feedvalidator"))
import feedvalidator  # noqa: E402
from feedvalidator import logging as fvlog  # noqa: E402

ALLOWED_IN_TITLES = {"ContainsHTML", "ContainsUndeclaredHTML"}


def main():
    name, urls = sys.argv[1], sys.argv[2:]
    problems, allowed, feeds = [], 0, 0
    for url in urls:
        result = feedvalidator.validateURL(url, firstOccurrenceOnly=0)
        feeds += 1
        for event in result["loggedEvents"]:
            kind = "error" if isinstance(event, fvlog.Error) else "warning" if isinstance(event, fvlog.Warning) else None
            if kind is None:
                continue
            cls, params = event.__class__.__name__, event.params
            if cls in ALLOWED_IN_TITLES and params.get("element") == "title":
                allowed += 1
                continue
            problems.append(f"{url.rsplit('/', 1)[-1] or url}: {kind} {cls} line {params.get('line')} "
                            f"element {params.get('element')!r} {({k: v for k, v in params.items() if k not in ('line', 'column', 'backupline', 'backupcolumn')})}")
    for p in problems:
        print(f"  w3c {name}: {p}")
    status = "FAIL" if problems else "ok"
    print(f"interop w3c validator {name}: {status} ({feeds} feeds, {len(problems)} errors or warnings, "
          f"{allowed} allowed title-markup notices)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
