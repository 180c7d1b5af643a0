-- A learner's k-means: 1,000 points around 5 centres, 5 clusters, 20 rounds of assign and update.
-- The points come from a Park-Miller generator (exact in doubles), the same in every language.
local seed = 42
local function rnd()
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
end
local n = 1000
local k = 5
local points = {}
for i = 0, n - 1 do
  local c = i % k
  points[#points + 1] = {c * 3 + rnd() * 2, (c % 2) * 4 + rnd() * 2}
end
local centers = {}
for j = 1, k do centers[j] = {points[j][1], points[j][2]} end
local assignment = {}
for i = 1, n do assignment[i] = 0 end
for round = 1, 20 do
  for i = 1, n do
    local p = points[i]
    local best = 0
    local bestDistance = 1e300
    for j = 1, k do
      local dx = p[1] - centers[j][1]
      local dy = p[2] - centers[j][2]
      local d = dx * dx + dy * dy
      if d < bestDistance then
        bestDistance = d
        best = j
      end
    end
    assignment[i] = best
  end
  for j = 1, k do
    local sx, sy, count = 0, 0, 0
    for i = 1, n do
      if assignment[i] == j then
        sx = sx + points[i][1]
        sy = sy + points[i][2]
        count = count + 1
      end
    end
    if count > 0 then centers[j] = {sx / count, sy / count} end
  end
end
local sizes = {}
for j = 1, k do
  local count = 0
  for i = 1, n do if assignment[i] == j then count = count + 1 end end
  sizes[#sizes + 1] = count
end
print("[" .. table.concat(sizes, ", ") .. "]")
