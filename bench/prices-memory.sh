#!/usr/bin/env bash
# Reads a synthetic AWS Price List offer file of about 1 GB (AmazonEC2-shaped: products by SKU,
# then terms.OnDemand by SKU; one NAT gateway row among a million others) with
# `akplan prices build` and prints the peak memory (GNU time's "Maximum resident set size").
# Usage: bash bench/prices-memory.sh [SIZE_MB]   (default 1024)
set -euo pipefail
size_mb="${1:-1024}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo build -q --release -p akplan
python3 - "$dir/index.json" "$size_mb" <<'PY'
import sys
path, size_mb = sys.argv[1], int(sys.argv[2])
target = size_mb * 1024 * 1024
with open(path, "w") as f:
    f.write('{"formatVersion":"v1.0","disclaimer":"synthetic","offerCode":"AmazonEC2","version":"20261201000000","publicationDate":"2026-12-01T00:00:00Z","products":{')
    f.write('"NATSKU":{"sku":"NATSKU","productFamily":"NAT Gateway","attributes":{"servicecode":"AmazonEC2","regionCode":"eu-west-2","usagetype":"EUW2-NatGateway-Hours","operation":"NatGateway"}}')
    n = 0
    # Each product ~330 bytes and its term ~420: grow to half the target, then the terms.
    while f.tell() < target // 2:
        n += 1
        f.write(',"SKU%09d":{"sku":"SKU%09d","productFamily":"Compute Instance","attributes":{"servicecode":"AmazonEC2","location":"EU (London)","regionCode":"eu-west-2","instanceType":"m5.large","usagetype":"EUW2-BoxUsage:m5.large","operation":"RunInstances:%04d","tenancy":"Shared","operatingSystem":"Linux","preInstalledSw":"NA"}}' % (n, n, n % 10000))
    f.write('},"terms":{"OnDemand":{')
    f.write('"NATSKU":{"NATSKU.JRTCKXETXF":{"offerTermCode":"JRTCKXETXF","sku":"NATSKU","priceDimensions":{"NATSKU.JRTCKXETXF.6YS6EN2CT7":{"unit":"Hrs","beginRange":"0","endRange":"Inf","pricePerUnit":{"USD":"0.0500000000"}}}}}')
    for i in range(1, n + 1):
        f.write(',"SKU%09d":{"SKU%09d.JRTCKXETXF":{"offerTermCode":"JRTCKXETXF","sku":"SKU%09d","effectiveDate":"2026-12-01T00:00:00Z","priceDimensions":{"SKU%09d.JRTCKXETXF.6YS6EN2CT7":{"rateCode":"SKU%09d.JRTCKXETXF.6YS6EN2CT7","description":"synthetic","beginRange":"0","endRange":"Inf","unit":"Hrs","pricePerUnit":{"USD":"0.1110000000"}}},"termAttributes":{}}}' % (i, i, i, i, i))
    f.write('},"Reserved":{}}}')
PY
ls -l "$dir/index.json" | awk '{printf "offer file: %.0f MB\n", $5/1048576}'
/usr/bin/time -v target/release/akplan prices build "$dir/index.json" -o "$dir/prices.json" 2> "$dir/time.txt" || { cat "$dir/time.txt"; exit 1; }
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$dir/time.txt"
grep -q '"nat_hourly"' "$dir/prices.json" && echo "the NAT gateway row was found"
