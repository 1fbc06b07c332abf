-- wrk script: search queries in turn (words, phrases, prefixes, exclusions, filters), and
-- the 95th percentile that wrk's own summary leaves out.
local queries = {
  "q=trump", "q=syria+aleppo", "q=%22white+house%22", "q=elect*", "q=brexit+-may", "q=refugees+europe",
  "q=north+korea+missile", "q=climate", "q=%22prime+minister%22+-theresa", "q=china+trade", "q=putin",
  "q=oil+prices", "q=immigra*", "q=football", "q=court+ruling&from=2017-01-01", "q=police+attack",
}
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", "/api/v1/search?" .. queries[(n % #queries) + 1])
end
function done(summary, latency, requests)
  io.write(string.format("search-latency p50 %.2f ms p95 %.2f ms p99 %.2f ms requests %d errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
