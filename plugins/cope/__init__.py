"""cope: Create Once, Publish Everywhere. A Pelican plugin for public agencies.

Editors write one Markdown file per story; cope checks it, builds one Story per
published article, and every channel (feeds, API, social and SMS stubs, newsletter,
testimonials) turns the Stories into files. See README.md for the settings.
"""

from pelican import signals

from .hooks import add_reader, build_story_list, check_content, get_generators


def register() -> None:
    signals.initialized.connect(check_content)
    signals.readers_init.connect(add_reader)
    signals.all_generators_finalized.connect(build_story_list)
    signals.get_generators.connect(get_generators)
