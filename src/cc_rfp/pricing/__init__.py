"""What bidders price and how bids are compared: the price-form rows that follow each channel's
compensation model, the evaluation price, the award models and the contract figures (index
adjustment, penalties). Numbers only; the language layer phrases them.
"""
