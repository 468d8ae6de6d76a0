"""统一社会信用代码 (GB 32100-2015) for tests: make valid ones, break them.

The 18th character is the GB 32100 check character. Characters 9-17 are the
organisation code of GB 11714, whose 9th character is its own check digit;
generated codes get that right too, so a server that verifies both accepts
them.
"""

import itertools

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# Codes from the brief, checked by hand against both check characters.
KNOWN_VALID = ("91350100M000100Y43", "91110000600037341L")


def check_char(first17):
    """GB 32100 check character for the first 17 characters."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_char(first8):
    """GB 11714 check character of an organisation code body."""

    def value(c):
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    total = sum(value(c) * w for c, w in zip(first8, ORG_WEIGHTS))
    r = 11 - total % 11
    return {10: "X", 11: "0"}.get(r, str(r))


def is_valid(code):
    return (
        len(code) == 18
        and all(c in ALPHABET for c in code)
        and check_char(code[:17]) == code[17]
    )


def make(serial, region="511902", prefix="91"):
    """A valid code: prefix (91 = 工商, 企业), 6-digit region, serial number."""
    body = "%08d" % serial
    org = body + org_check_char(body)
    first17 = prefix + region + org
    return first17 + check_char(first17)


def wrong_check(code):
    """The same code with a different, still well-formed, check character."""
    right = code[17]
    bad = ALPHABET[(ALPHABET.index(right) + 1) % len(ALPHABET)]
    return code[:17] + bad


_serials = itertools.count(10_000_001)


def fresh(region="511902"):
    """A valid code not handed out before in this process."""
    return make(next(_serials), region)


assert all(is_valid(c) for c in KNOWN_VALID)
assert not is_valid(wrong_check(KNOWN_VALID[0]))
