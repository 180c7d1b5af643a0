# 1,000,000 iterations of arithmetic and list indexing, written at the top level as a learner would.
xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
s = 0
for i in range(1000000):
    s = s + xs[i % 10] * 2 - i % 7
print(s)
