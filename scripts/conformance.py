"""Run PETRARCH's conformance suite: ``.venv/bin/python scripts/conformance.py [--json]``.

The same as ``allegiance conformance``; kept as a script for CI logs and for the closing report.
"""

import json
import sys

from allegiance.coding.conformance import run_conformance

if __name__ == "__main__":
    report = run_conformance()
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
    else:
        print(f"reproduced {report['reproduced']}/{report['records']} records ({report['share']:.1%}); "
              f"all expected events found in {report['expected_found']:.1%}")
        for cat, (ok, n) in report["by_category"].items():
            print(f"  {cat:14} {ok}/{n}")
