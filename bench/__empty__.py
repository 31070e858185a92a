# empty: python3 start-up baseline
