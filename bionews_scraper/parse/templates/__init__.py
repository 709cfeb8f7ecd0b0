"""What each of the site's three templates looks like: URL shapes, markup cues, landmarks.

See ``docs/site-layouts.md``. The template is read from a page's content; these modules only
name what to look for.
"""
