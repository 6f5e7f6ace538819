"""The business vocabulary the rows are drawn from: regions, products, names and weights."""
from __future__ import annotations

CURRENCIES = ("USD", "EUR", "GBP")
USD_VALUE = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27}      # generation-time approximation
REGIONS = {"NA": ("USD", ("US", "US", "US", "CA")), "EMEA": ("EUR", ("DE", "FR", "NL", "ES")), "UK": ("GBP", ("GB",))}
REGION_W = (("NA", 62), ("EMEA", 24), ("UK", 14))
TEAM_NAMES = {"NA": "North America", "EMEA": "Europe", "UK": "UK & Ireland"}
ROLE_BASE = {"AE": 9, "AM": 3, "SDR": 3, "BDR": 3}
COMMISSION_PLANS = [("AE", "0.08", "100", "0.12"), ("AM", "0.05", "90", "0.08"), ("SDR", "0.03", "100", "0.05"),
                    ("BDR", "0.03", "100", "0.05"), ("MANAGER", "0.01", "110", "0.02")]
OPEN_STAGES = ["prospecting", "qualification", "demo", "proposal", "negotiation"]
PIPELINE_STAGES = [("prospecting", 1, "0.1", False, False), ("qualification", 2, "0.2", False, False),
                   ("demo", 3, "0.4", False, False), ("proposal", 4, "0.6", False, False),
                   ("negotiation", 5, "0.8", False, False), ("closed_won", 6, "1.0", True, True),
                   ("closed_lost", 7, "0.0", True, False)]
LOCATIONS = [("Downtown Store", "store", "NA", "US"), ("Berlin Flagship", "store", "EMEA", "DE"),
             ("Web Shop", "online", "NA", "US"), ("Field Sales NA", "field", "NA", "US"),
             ("Field Sales UK", "field", "UK", "GB")]
# name, category, list price, unit cost, currency, is_subscription (subscriptions: per seat per month)
PRODUCTS = [("CRM Starter", "software", 29, 6, "USD", True), ("CRM Professional", "software", 59, 11, "USD", True),
            ("CRM Enterprise", "software", 119, 20, "USD", True), ("Analytics Add-on", "software", 19, 4, "USD", True),
            ("Onboarding Package", "services", 1500, 900, "USD", False), ("Training Day", "services", 1200, 520, "USD", False),
            ("Data Migration", "services", 2400, 1450, "EUR", False), ("Barcode Scanner", "hardware", 189, 118, "USD", False),
            ("POS Terminal", "hardware", 749, 470, "EUR", False), ("Receipt Printer", "hardware", 239, 150, "USD", False),
            ("Premium Support (annual)", "services", 1800, 350, "USD", False), ("API Credits Pack", "software", 450, 60, "USD", False)]
ORDER_PRODUCT_W = [1 if product[5] else 4 for product in PRODUCTS]     # orders are mostly one-off products
COMPETITORS = ("Acme CRM", "Globex Sales", "Initech Cloud")
CHANNELS = ("email", "paid_search", "paid_social", "organic_social", "event", "webinar", "content", "partner")
ACQ_SOURCES = (("inbound", 30), ("outbound", 28), ("referral", 15), ("event", 15), ("partner", 12))
LEAD_SOURCES = (("web", 28), ("paid", 16), ("social", 12), ("email", 12), ("event", 9), ("referral", 4),
                ("outbound", 14), ("partner", 5))
INBOUND_SOURCES = (("web", 40), ("paid", 25), ("social", 15), ("email", 20))
SOURCE_CHANNELS = {"web": ("content", "organic_social"), "paid": ("paid_search", "paid_social"),
                   "social": ("organic_social", "paid_social"), "email": ("email",), "event": ("event", "webinar"),
                   "partner": ("partner",), "referral": (), "outbound": ()}
MARKETING_SOURCES = ("web", "paid", "social", "email", "event")
EXPENSE_BASE = {"advertising": 5000, "content": 2200, "events": 2600, "tools": 1800, "marketing_salaries": 8000, "other": 700}
INDUSTRIES = ("Retail", "Hospitality", "Software", "Manufacturing", "Healthcare", "Logistics", "Education", "Finance")
FIRST = ("Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kara", "Liam",
         "Maya", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wei", "Yara", "Zoe")
LAST_NAMES = ("Adams", "Berger", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen",
              "Kowalski", "Lopez", "Meyer", "Nguyen", "Olsen", "Patel", "Rossi", "Schmidt", "Taylor", "Weber")
COMPANY_A = ("Blue", "North", "Bright", "Green", "Silver", "Rapid", "Urban", "Prime", "Summit", "Harbor", "Cedar", "Nova")
COMPANY_B = ("Retail", "Foods", "Works", "Logistics", "Labs", "Goods", "Outfitters", "Systems", "Market", "Supply")
COMPANY_C = ("Inc", "Ltd", "GmbH", "Group", "Co", "LLC")
JOB_TITLES = ("Owner", "Store Manager", "Operations Lead", "IT Manager", "CFO", "Head of Sales", "Buyer")
NPS_W = (2, 1, 2, 2, 3, 4, 6, 12, 18, 25, 25)
ENPS_W = (1, 1, 2, 3, 4, 7, 9, 18, 22, 18, 15)
CSAT_W = (5, 7, 15, 35, 38)
