"""The Report page: indicators of a period as charts with their tables, and the funders' PDF."""
