"""All demo offers by office slug; each office's offers live in their own module."""

from .offers_allschwil import OFFERS as ALLSCHWIL_OFFERS
from .offers_other import LOERRACH_OFFERS, ZUERICH_OFFERS
from .offers_zofingen import OFFERS as ZOFINGEN_OFFERS

OFFERS = {
    "region-zofingen": ZOFINGEN_OFFERS,
    "allschwil": ALLSCHWIL_OFFERS,
    "kanton-zuerich": ZUERICH_OFFERS,
    "loerrach": LOERRACH_OFFERS,
}
