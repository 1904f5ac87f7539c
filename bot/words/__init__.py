"""Words: the languages, gettext catalogs and babel formats. Imports nothing else of medguide."""
