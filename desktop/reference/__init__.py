"""Reference data shipped with every replica: municipalities, need categories, sample catalog."""
