"""Runs the real SAM translator on a batch of templates, offline.

Reads {"templates": {name: template, ...}} as JSON on stdin and writes
{name: {"template": translated} or {"errors": [message, ...]}} as JSON on
stdout. AWS_DEFAULT_REGION must be set (it selects the partition). Used by
internal/realtools (embedded with go:embed); run one process per batch, since
importing the translator takes most of a second.
"""

import json
import sys

from samtranslator.model.exceptions import (
    InvalidDocumentException,
    InvalidEventException,
    InvalidResourceException,
    InvalidTemplateException,
)
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    """A managed policy loader that knows no customer policy names.

    The translator resolves AWS managed policy names from its own bundled
    table first; nothing is fetched from IAM.
    """

    def load(self):
        return {}


def messages(exc):
    causes = getattr(exc, "causes", None)
    if causes:
        return [getattr(c, "message", str(c)) for c in causes]
    return [getattr(exc, "message", None) or str(exc)]


def main():
    request = json.load(sys.stdin)
    out = {}
    for name, template in request["templates"].items():
        try:
            out[name] = {"template": transform(template, {}, NoManagedPolicies())}
        except (
            InvalidDocumentException,
            InvalidTemplateException,
            InvalidResourceException,
            InvalidEventException,
        ) as exc:
            out[name] = {"errors": messages(exc)}
        except Exception as exc:  # the translator's own bugs, reported per template
            out[name] = {"errors": ["%s: %s" % (type(exc).__name__, exc)]}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
