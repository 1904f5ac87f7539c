"""The languages medguide speaks: plain data, importable without babel or gettext."""

# code -> (babel locale, the language named in itself)
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("en_US", "English"),
    "es": ("es_US", "Español"),  # es_US: Spanish as written in the US ($1,234.56, 1,234.5); es is Spain's
    "zh_Hans": ("zh_Hans_CN", "中文"),
    "vi": ("vi_VN", "Tiếng Việt"),
    "tl": ("fil_PH", "Tagalog"),  # fil_PH, not tl_PH: babel re-resolves that alias on every call
}
DEFAULT = "en"
