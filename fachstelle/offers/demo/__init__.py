"""Demo content of the offer directory (offices, providers, offers, translations) as plain data.

`loader.demo_data_load()` turns it into database rows through the offer services; `bench` builds the
large synthetic data set for the benchmark. Addresses, phone numbers, people and offers are invented
for demonstration; the BFS numbers / AGS keys of the municipalities are the official ones.
"""
