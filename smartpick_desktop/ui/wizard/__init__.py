"""The profile wizard (PRODUCT.md section 3): six pages, nothing saved before Finish."""
