"""The fixed, human-written safety message in five languages, with helplines for the member's country.

Every text a person sees after crisis language is in this one module (issue 16 will move the
sentences into gettext catalogues; keep them here until then). The model never writes any of it.
Helplines and their sources are listed in docs/safety.md (checked 2026-12-01); change both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("en", "es", "de", "fr", "pt")


@dataclass(frozen=True)
class Helpline:
    """A free crisis line: who answers, how to reach them, and where we checked it."""

    name: str
    contact: str
    source: str


HELPLINES: dict[str, tuple[Helpline, ...]] = {
    "US": (Helpline("988 Suicide & Crisis Lifeline", "call or text 988 (en español: 988, then 2)",
                    "https://988lifeline.org"),),
    "CA": (Helpline("9-8-8 Suicide Crisis Helpline", "call or text 988", "https://988.ca"),),
    "GB": (Helpline("Samaritans", "116 123", "https://www.samaritans.org"),),
    "IE": (Helpline("Samaritans", "116 123", "https://www.samaritans.org"),),
    "ES": (Helpline("Línea 024 de atención a la conducta suicida", "024",
                    "https://www.sanidad.gob.es/linea024/"),),
    "MX": (Helpline("Línea de la Vida", "800 911 2000", "https://www.gob.mx/salud/conadic"),),
    "DE": (Helpline("TelefonSeelsorge", "0800 111 0 111 · 0800 111 0 222 · 116 123",
                    "https://www.telefonseelsorge.de"),),
    "AT": (Helpline("TelefonSeelsorge", "142", "https://www.telefonseelsorge.at"),),
    "CH": (Helpline("Die Dargebotene Hand / La Main Tendue", "143", "https://www.143.ch"),),
    "FR": (Helpline("3114 – numéro national de prévention du suicide", "3114", "https://3114.fr"),),
    "BE": (Helpline("Centre de Prévention du Suicide", "0800 32 123",
                    "https://www.preventionsuicide.be"),
           Helpline("Zelfmoordlijn", "1813", "https://www.zelfmoord1813.be"),),
    "BR": (Helpline("CVV – Centro de Valorização da Vida", "188", "https://cvv.org.br"),),
    "PT": (Helpline("SOS Voz Amiga", "213 544 545 · 912 802 669 · 963 524 660",
                    "https://www.sosvozamiga.org"),
           Helpline("SNS 24", "808 24 24 24", "https://www.sns24.gov.pt"),),
}  # fmt: skip
EMERGENCY = {"US": "911", "CA": "911", "MX": "911", "GB": "999", "IE": "112", "BR": "192"}
# Where a language is spoken most by our members: shown when the country is not known.
USUAL_COUNTRIES = {"en": ("US", "GB", "IE"), "es": ("ES", "MX"), "de": ("DE", "AT", "CH"),
                   "fr": ("FR", "BE", "CH"), "pt": ("BR", "PT")}  # fmt: skip

COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "en": {"US": "US", "CA": "Canada", "GB": "UK", "IE": "Ireland", "ES": "Spain", "MX": "Mexico",
           "DE": "Germany", "AT": "Austria", "CH": "Switzerland", "FR": "France", "BE": "Belgium",
           "BR": "Brazil", "PT": "Portugal"},
    "es": {"US": "EE. UU.", "CA": "Canadá", "GB": "Reino Unido", "IE": "Irlanda", "ES": "España",
           "MX": "México", "DE": "Alemania", "AT": "Austria", "CH": "Suiza", "FR": "Francia",
           "BE": "Bélgica", "BR": "Brasil", "PT": "Portugal"},
    "de": {"US": "USA", "CA": "Kanada", "GB": "Großbritannien", "IE": "Irland", "ES": "Spanien",
           "MX": "Mexiko", "DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz",
           "FR": "Frankreich", "BE": "Belgien", "BR": "Brasilien", "PT": "Portugal"},
    "fr": {"US": "États-Unis", "CA": "Canada", "GB": "Royaume-Uni", "IE": "Irlande",
           "ES": "Espagne", "MX": "Mexique", "DE": "Allemagne", "AT": "Autriche", "CH": "Suisse",
           "FR": "France", "BE": "Belgique", "BR": "Brésil", "PT": "Portugal"},
    "pt": {"US": "EUA", "CA": "Canadá", "GB": "Reino Unido", "IE": "Irlanda", "ES": "Espanha",
           "MX": "México", "DE": "Alemanha", "AT": "Áustria", "CH": "Suíça", "FR": "França",
           "BE": "Bélgica", "BR": "Brasil", "PT": "Portugal"},
}  # fmt: skip

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "opening": "I'm really glad you told me, and I'm taking it seriously. You don't have to go "
        "through this alone, and I'm not the right help for it — a person is. Please reach out now:",
        "danger": "If you are in immediate danger, call {emergency} now.",
        "emergency": "your local emergency number (911 in the US, 999 in the UK, 112 in the EU)",
        "elsewhere": "Anywhere else: findahelpline.com lists free, confidential lines in your country.",
        "closing": "If you can, tell someone you trust how you feel right now. If you have a mentor "
        "here, they will be told, so that a person can check in with you.",
    },
    "es": {
        "opening": "Gracias de verdad por contármelo; me lo tomo en serio. No tienes que pasar por "
        "esto a solas, y yo no soy la ayuda adecuada: una persona sí lo es. Por favor, pide ayuda ahora:",
        "danger": "Si estás en peligro inmediato, llama ahora al {emergency}.",
        "emergency": "número de emergencias (112 en Europa, 911 en México y EE. UU.)",
        "elsewhere": "En cualquier otro país: findahelpline.com reúne líneas gratuitas y "
        "confidenciales del tuyo.",
        "closing": "Si puedes, cuéntale ahora a alguien de confianza cómo te sientes. Si tienes un "
        "mentor aquí, se le avisará para que una persona pueda hablar contigo.",
    },
    "de": {
        "opening": "Danke, dass du es mir sagst – ich nehme das ernst. Du musst da nicht allein "
        "durch, und ich bin nicht die richtige Hilfe dafür, ein Mensch ist es. Bitte melde dich jetzt:",
        "danger": "Wenn du in akuter Gefahr bist, ruf jetzt {emergency} an.",
        "emergency": "den Notruf (112 in Europa)",
        "elsewhere": "In anderen Ländern: findahelpline.com nennt kostenlose, vertrauliche "
        "Anlaufstellen in deinem Land.",
        "closing": "Wenn du kannst, erzähl jetzt einem Menschen, dem du vertraust, wie es dir geht. "
        "Wenn du hier eine Mentorin oder einen Mentor hast, wird sie oder er informiert, damit sich "
        "ein Mensch bei dir meldet.",
    },
    "fr": {
        "opening": "Merci de me l'avoir dit, je le prends au sérieux. Tu n'as pas à traverser ça "
        "seul·e, et je ne suis pas la bonne aide pour cela : une personne l'est. Contacte-la maintenant :",
        "danger": "Si tu es en danger immédiat, appelle tout de suite {emergency}.",
        "emergency": "le numéro d'urgence (112 en Europe)",
        "elsewhere": "Ailleurs : findahelpline.com recense des lignes gratuites et confidentielles "
        "dans ton pays.",
        "closing": "Si tu le peux, dis maintenant à quelqu'un de confiance ce que tu ressens. Si tu "
        "as un mentor ici, il sera prévenu, pour qu'une personne puisse prendre de tes nouvelles.",
    },
    "pt": {
        "opening": "Obrigado por me contar; levo isso a sério. Você não precisa passar por isso "
        "sozinho(a), e eu não sou a ajuda certa para isso: uma pessoa é. Por favor, procure ajuda agora:",
        "danger": "Se você estiver em perigo imediato, ligue agora para {emergency}.",
        "emergency": "o número de emergência (192 no Brasil, 112 em Portugal e na Europa)",
        "elsewhere": "Em outros países: findahelpline.com reúne linhas gratuitas e confidenciais "
        "do seu país.",
        "closing": "Se puder, conte agora a alguém de confiança como você está se sentindo. Se você "
        "tem um mentor aqui, ele será avisado, para que uma pessoa possa falar com você.",
    },
}  # fmt: skip


def language_of(language: str | None) -> str:
    """One of LANGUAGES for a member's language or a Telegram language_code ("pt-br" -> "pt")."""
    primary = (language or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else "en"


@lru_cache(maxsize=256)
def safety_message(language: str | None = None, country: str | None = None) -> str:
    """The safety message in `language` (else English): the helplines of `country` if known, then
    those of the countries where the language is most spoken, then findahelpline.com."""
    lang = language_of(language)
    words, names = TEXTS[lang], COUNTRY_NAMES[lang]
    country = (country or "").upper() or None
    # the member's country first, then where the language is most spoken (an expat, a traveller)
    shown = tuple(
        dict.fromkeys(((country,) if country in HELPLINES else ()) + USUAL_COUNTRIES[lang])
    )
    emergency = EMERGENCY.get(country or "", "112") if country else words["emergency"]
    lines = [words["opening"], "• " + words["danger"].format(emergency=emergency)]
    where: dict[Helpline, list[str]] = {}  # one line per helpline (Samaritans: UK and Ireland)
    for code in shown:
        for helpline in HELPLINES[code]:
            where.setdefault(helpline, []).append(names[code])
    lines += [f"• {' / '.join(at)}: {h.name}, {h.contact}" for h, at in where.items()]
    lines += ["• " + words["elsewhere"], words["closing"]]
    return "\n".join(lines)


SAFETY_MESSAGE = safety_message("en")


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country, from the tz database's zone.tab (pytz comes with dateparser)."""
    try:
        import pytz
    except ImportError:  # then the country comes from the language_code alone
        return {}
    return {zone: code for code, zones in pytz.country_timezones.items() for zone in zones}


def country_for(timezone: str | None = None, language_code: str | None = None) -> str | None:
    """The member's country: from a confirmed time zone, else a regional language_code ("pt-BR")."""
    if timezone and (code := _zone_countries().get(timezone)) is not None:
        return code
    parts = (language_code or "").replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else None
