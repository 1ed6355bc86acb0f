"""Named word lists the field rules share, kept in one place.

A rule that needs to know "is this a product word" or "does this sentence boast" reads
these lists; patterns and their cheap gates are built from them (``patterns.words_pattern``)
so that a word is typed once.
"""
from __future__ import annotations

# Words that name a kind of product, a page or a sales claim, never a company on their
# own: "Cloud Service SLA", "Hardware Replacement SLA", "Help", "An Industry Leading SLA".
GENERIC_WORDS = frozenset({
    "cloud", "hosting", "web", "server", "servers", "dedicated", "virtual", "private", "shared",
    "managed", "data", "database", "network", "storage", "hardware", "replacement", "software",
    "help", "center", "centre", "knowledge", "knowledgebase", "base", "article", "articles",
    "portal", "home", "platform", "product", "products", "solution", "solutions", "enterprise",
    "business", "premium", "standard", "basic", "professional", "industry", "leading",
    "best", "class", "world", "an", "our", "your", "global", "general", "master", "main",
    "customer", "customers", "public", "uptime", "guarantee", "policy", "api", "email", "mail",
    "application", "applications", "app", "apps", "online", "internet", "digital", "it",
    "security", "backup", "monitoring", "dns", "cdn", "vps", "saas", "paas", "iaas",
})

# words that name what is measured, not what it is measured on: "Monthly Uptime: 99.9%"
# names no service, "Server Uptime: 99.9%" names the servers
METRIC_WORDS = frozenset({
    "monthly", "annual", "yearly", "quarterly", "uptime", "availability", "available", "target",
    "targets", "commitment", "guarantee", "guaranteed", "percentage", "percent", "service",
    "services", "level", "levels", "sla", "slo", "objective", "the", "our", "minimum", "overall",
    "general", "platform", "system", "systems", "time", "up", "of", "and", "&",
    # defined terms for the whole offering: "the Hosted Services", "the Covered Services"
    "hosted", "covered", "subscribed", "subscription", "purchased", "applicable", "online",
})

HISTORY_WORDS = (
    "have delivered", "have achieved", "have maintained", "have averaged", "historically",
    "track record", "uptime record", "our record", "recorded", "over the last", "over the past",
    "last year", "last month", "past year", "has exceeded", "have exceeded", "status page",
    "currently running at", "to date", "trailing", "measured uptime",
    # aspirations beside the commitment: "we design the service for 99.99%"
    "we design", "designed for", "design target", "our ambition", "ambitions",
)
MARKETING_WORDS = (
    "industry leading", "industry-leading", "best in class", "best-in-class", "world class",
    "world-class", "save", "discount", "% off", "limited time",
)
