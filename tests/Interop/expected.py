"""The fixture's expected items (expected.json), with {base} filled in, shared by the Python checks."""
import json, os
from datetime import datetime, timezone


def load(base):
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), encoding="utf-8") as f:
        data = json.load(f)
    for item in data["items"]:
        for key in ("link",):
            item[key] = item[key].replace("{base}", base)
        item["content"] = [c.replace("{base}", base) for c in item["content"]]
        for key in ("published", "updated"):
            item[key] = datetime.strptime(item[key], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return data


class Checker:
    """Collects every mismatch instead of stopping at the first, and prints one summary line."""

    def __init__(self, name):
        self.name, self.problems, self.checked = name, [], 0

    def equal(self, where, expected, actual):
        self.checked += 1
        if expected != actual:
            self.problems.append(f"{where}: expected {expected!r}, got {actual!r}")

    def true(self, where, condition, detail=""):
        self.checked += 1
        if not condition:
            self.problems.append(f"{where}: {detail}")

    def finish(self, items):
        for p in self.problems:
            print(f"  {self.name}: {p}")
        status = "FAIL" if self.problems else "ok"
        print(f"interop {self.name}: {status} ({items} items, {self.checked} checks, {len(self.problems)} problems)")
        return 1 if self.problems else 0
