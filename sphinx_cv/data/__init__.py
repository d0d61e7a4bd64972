"""The data layer: profile YAML and BibTeX to typed, validated records (no Sphinx here)."""

from .dates import CvDate, parse_date
from .loader import LoadResult, load_profile
from .problems import Location, Problem, Subtype
from .profile import Profile
from .publication import Publication
from .store import ProfileStore

__all__ = [
    "CvDate",
    "LoadResult",
    "Location",
    "Problem",
    "Profile",
    "ProfileStore",
    "Publication",
    "Subtype",
    "load_profile",
    "parse_date",
]
