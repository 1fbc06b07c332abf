-- wrk script: ask for gzip, as browsers do. Usage: wrk -s gzip.lua URL
wrk.headers["Accept-Encoding"] = "gzip"
