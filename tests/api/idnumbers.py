"""Identity numbers and phone numbers made for tests: GB 11643-1999 check
characters computed here (ISO 7064 MOD 11-2), independently of the server.
An Issuer hands out fresh, never-repeated numbers and remembers every one it
gave, so a test can scan responses and files for them."""

import itertools

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(first17):
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def with_check(first17):
    assert len(first17) == 17 and first17.isdigit(), first17
    return first17 + check_char(first17)


def wrong_check(idn):
    """The same number with another (wrong) check character."""
    right = check_char(idn[:17])
    wrong = "7" if right != "7" else "3"
    return idn[:17] + wrong


def mask_id(idn):
    return idn[:6] + "*" * (len(idn) - 10) + idn[-4:]


def mask_phone(p):
    return p[:3] + "*" * (len(p) - 7) + p[-4:]


class Issuer:
    """Fresh numbers over the given address codes; phones from a prefix."""

    def __init__(self, areas, phone_prefix, phone_base, phone_span):
        self.areas = areas
        self.secrets = set()
        self._serial = itertools.count(1)
        self._issued = set()
        self._phones = itertools.count(1)
        self._phone = (phone_prefix, phone_base, phone_span)

    def new_id(self, birth, male=True, area=None, last=None):
        """A fresh valid number for a birth date; male: odd sequence;
        last: the check character wanted (e.g. "X")."""
        while True:
            n = next(self._serial)
            seq = (n % 500) * 2 + (1 if male else 0)
            a = area or self.areas[(n // 500) % len(self.areas)]
            idn = with_check("%s%s%03d" % (a, birth.strftime("%Y%m%d"), seq))
            if idn in self._issued or (last and idn[-1] != last):
                continue
            self._issued.add(idn)
            self.secrets.add(idn)
            return idn

    def new_phone(self):
        prefix, base, span = self._phone
        p = "%s%08d" % (prefix, base + next(self._phones) * 7919 % span)
        self.secrets.add(p)
        return p
