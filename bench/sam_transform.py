"""Transforms one SAM template with the real aws-sam-translator, offline.

    AWS_DEFAULT_REGION=us-east-1 python3 bench/sam_transform.py IN.yaml OUT.json

Reads the template as `sam` does (samtranslator's own YAML loader, which
turns short-form intrinsics such as !Ref into their long form), transforms
it as internal/realtools/translate.py does (no customer managed policies,
nothing fetched), and writes the CloudFormation JSON to OUT. Exits 1 with
the translator's messages when it rejects the template. bench/run.py times
it as one process: starting Python and importing the translator are part of
what a user of the translator waits for.
"""

import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """A managed policy loader that knows no customer policy names."""

    def load(self):
        return {}


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    try:
        out = transform(template, {}, NoManagedPolicies())
    except Exception as exc:  # the translator's refusals and its own bugs
        causes = getattr(exc, "causes", None) or [exc]
        for c in causes:
            print("sam_transform: %s" % (getattr(c, "message", None) or c), file=sys.stderr)
        sys.exit(1)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
