# A learner's k-means: 1,000 points around 5 centres, 5 clusters, 20 rounds of assign and update.
# The points come from a Park-Miller generator (exact in doubles), the same in every language.
seed = 42
def rnd():
    global seed
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
n = 1000
k = 5
points = []
for i in range(n):
    c = i % k
    points.append([c * 3 + rnd() * 2, (c % 2) * 4 + rnd() * 2])
centers = []
for j in range(k):
    centers.append([points[j][0], points[j][1]])
assignment = [0] * n
for round in range(20):
    for i in range(n):
        p = points[i]
        best = 0
        bestDistance = 1e300
        for j in range(k):
            dx = p[0] - centers[j][0]
            dy = p[1] - centers[j][1]
            d = dx * dx + dy * dy
            if d < bestDistance:
                bestDistance = d
                best = j
        assignment[i] = best
    for j in range(k):
        sx = sy = count = 0
        for i in range(n):
            if assignment[i] == j:
                sx += points[i][0]
                sy += points[i][1]
                count += 1
        if count > 0:
            centers[j] = [sx / count, sy / count]
sizes = []
for j in range(k):
    count = 0
    for i in range(n):
        if assignment[i] == j:
            count += 1
    sizes.append(count)
print(sizes)
