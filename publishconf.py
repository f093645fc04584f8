"""Pelican settings for publishing: the local settings plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = "https://www.riverbend.example.gov"
RELATIVE_URLS = False
