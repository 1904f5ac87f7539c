"""The languages medguide speaks: plain data, importable without babel or gettext."""

# code -> (babel locale, the language named in itself)
LANGUAGES: dict[str, tuple[str, str]] = {
    "en": ("en_US", "English"),
    "es": ("es", "Español"),
    "zh_Hans": ("zh_Hans_CN", "中文"),
    "vi": ("vi_VN", "Tiếng Việt"),
    "tl": ("fil_PH", "Tagalog"),  # fil_PH, not tl_PH: babel re-resolves that alias on every call
}
DEFAULT = "en"
