"""Domain vocabulary and models of WPT Desk (persons, requests, referrals, notes, catalog)."""
